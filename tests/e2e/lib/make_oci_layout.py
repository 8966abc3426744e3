#!/usr/bin/env python3
"""Write a small OCI image layout directory for end-to-end tests.

Layer contents are incompressible pseudo-random bytes derived from --seed, so the
same arguments always produce the same digests, and different seeds never share
blobs. With --index the layout holds an image index for linux/amd64 and
linux/arm64 (each platform gets its own config and layer); otherwise a single
image manifest. The digest of the top-level object (index or manifest) is
printed on stdout.

Usage: make_oci_layout.py --out DIR --tag TAG --seed S [--index] [--layer-size N]
"""

import argparse
import hashlib
import io
import json
import os
import sys
import tarfile

MT_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MT_INDEX = "application/vnd.oci.image.index.v1+json"
MT_CONFIG = "application/vnd.oci.image.config.v1+json"
MT_LAYER = "application/vnd.oci.image.layer.v1.tar"

PLATFORMS = [("linux", "amd64"), ("linux", "arm64")]


class Layout:
    def __init__(self, root):
        self.root = root
        self.blob_dir = os.path.join(root, "blobs", "sha256")
        os.makedirs(self.blob_dir, exist_ok=True)

    def put(self, data, media_type, **extra):
        digest = hashlib.sha256(data).hexdigest()
        path = os.path.join(self.blob_dir, digest)
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
        desc = {"mediaType": media_type, "digest": "sha256:" + digest, "size": len(data)}
        desc.update(extra)
        return desc


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def random_bytes(seed, label, size):
    # SHAKE-256 is an extendable-output function: deterministic, fast, incompressible.
    return hashlib.shake_256(f"nsgate-e2e/{seed}/{label}".encode()).digest(size)


def layer_tar(payload):
    """An uncompressed, reproducible tar holding one file with the payload."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("data/payload.bin")
        info.size = len(payload)
        info.mtime = 0
        info.mode = 0o644
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        tar.addfile(info, io.BytesIO(payload))
    return buf.getvalue()


def write_image(layout, seed, os_name, arch, layer_size):
    layer = layer_tar(random_bytes(seed, f"{os_name}/{arch}/layer", layer_size))
    layer_desc = layout.put(layer, MT_LAYER)
    config = {
        "architecture": arch,
        "os": os_name,
        "created": "2000-01-01T00:00:00Z",
        "config": {"Env": ["NSGATE_E2E_SEED=" + str(seed)]},
        "rootfs": {"type": "layers", "diff_ids": [layer_desc["digest"]]},
        "history": [{"created": "2000-01-01T00:00:00Z", "created_by": "make_oci_layout.py"}],
    }
    config_desc = layout.put(canonical(config), MT_CONFIG)
    manifest = {
        "schemaVersion": 2,
        "mediaType": MT_MANIFEST,
        "config": config_desc,
        "layers": [layer_desc],
    }
    return layout.put(canonical(manifest), MT_MANIFEST)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="layout directory (created if missing)")
    ap.add_argument("--tag", required=True, help="value of org.opencontainers.image.ref.name")
    ap.add_argument("--seed", required=True, help="seed for all generated content")
    ap.add_argument("--index", action="store_true", help="write an index for linux/amd64 and linux/arm64")
    ap.add_argument("--layer-size", type=int, default=64 * 1024, help="payload bytes per layer (default 65536)")
    args = ap.parse_args()
    if args.layer_size < 1:
        ap.error("--layer-size must be positive")

    layout = Layout(args.out)
    if args.index:
        manifests = []
        for os_name, arch in PLATFORMS:
            desc = write_image(layout, args.seed, os_name, arch, args.layer_size)
            desc["platform"] = {"os": os_name, "architecture": arch}
            manifests.append(desc)
        index = {"schemaVersion": 2, "mediaType": MT_INDEX, "manifests": manifests}
        top = layout.put(canonical(index), MT_INDEX)
    else:
        os_name, arch = PLATFORMS[0]
        top = write_image(layout, args.seed, os_name, arch, args.layer_size)

    # Several tags may share one layout directory: keep other tags, replace this one.
    index_path = os.path.join(args.out, "index.json")
    entries = []
    if os.path.exists(index_path):
        with open(index_path) as f:
            entries = [m for m in json.load(f).get("manifests", [])
                       if m.get("annotations", {}).get("org.opencontainers.image.ref.name") != args.tag]
    top_entry = dict(top)
    top_entry["annotations"] = {"org.opencontainers.image.ref.name": args.tag}
    entries.append(top_entry)
    with open(index_path, "w") as f:
        json.dump({"schemaVersion": 2, "mediaType": MT_INDEX, "manifests": entries}, f, indent=2)
    with open(os.path.join(args.out, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)

    print(top["digest"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
