#!/usr/bin/env bash
# Runs a test inside a private D-Bus session with a fresh, unlocked
# gnome-keyring, or (--no-keyring) with no D-Bus session at all. Either way
# HOME and the XDG directories point into a temporary directory, so the
# user's own keyring and settings are never touched, and the test can check
# what was written there.
#
#   run_with_keyring.sh [--no-keyring] TEST_BINARY [ARGS...]
#
# The test learns the mode from NSGATE_TEST_SECRETS (keyring | none).
# Exit code 77 (CTest SKIP_RETURN_CODE) when the tools are missing.
set -euo pipefail

mode=keyring
if [[ ${1:-} == --no-keyring ]]; then
    mode=none
    shift
fi
if [[ $# -lt 1 ]]; then
    echo "usage: $0 [--no-keyring] TEST_BINARY [ARGS...]" >&2
    exit 2
fi
if [[ $mode == keyring ]]; then
    for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
        if ! command -v "$tool" >/dev/null; then
            echo "$0: $tool not found; skipping" >&2
            exit 77
        fi
    done
fi

root=$(mktemp -d)
# Not exec'd below, so this clean-up runs after the test.
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/home" "$root/runtime"
chmod 700 "$root/runtime"

export HOME="$root/home"
export XDG_DATA_HOME="$HOME/.local/share"      # keyrings live in $XDG_DATA_HOME/keyrings
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_STATE_HOME="$HOME/.local/state"
export XDG_RUNTIME_DIR="$root/runtime"          # outside HOME: sockets are not "written to disk"
export NSGATE_TEST_SECRETS=$mode
# Nothing may reach the caller's session: no bus address, no X11/Wayland
# display to autolaunch a bus through, no keyring control socket.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
# QtKeychain picks KWallet on Plasma; the test wants the Secret Service.
unset KDE_FULL_SESSION KDE_SESSION_VERSION XDG_CURRENT_DESKTOP DESKTOP_SESSION

if [[ $mode == none ]]; then
    "$@"
    exit
fi

# Inside the private bus: --unlock reads the password from stdin and creates
# the "login" keyring with it (unlocked, the default collection);
# --daemonize returns once the daemon owns org.freedesktop.secrets. Whatever
# NAME=value lines it prints (GNOME_KEYRING_CONTROL, ...) are exported.
dbus-run-session -- bash -c '
    set -euo pipefail
    vars=$(printf %s nsgate-test | gnome-keyring-daemon --daemonize --unlock --components=secrets)
    while IFS= read -r line; do
        [[ $line == *=* ]] && export "$line"
    done <<<"$vars"
    exec "$@"
' run_with_keyring "$@"
