<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ProfileStore</name>
    <message>
        <source>cannot write the settings file %1</source>
        <translation>Die Einstellungsdatei %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>invalid profile id &quot;%1&quot;</source>
        <translation>Ungültige Profil-ID „%1“</translation>
    </message>
    <message>
        <source>a profile with id %1 exists already</source>
        <translation>Ein Profil mit der ID %1 gibt es bereits</translation>
    </message>
    <message>
        <source>no profile with id &quot;%1&quot;</source>
        <translation>Kein Profil mit der ID „%1“</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not an http:// or https:// URL with a host.</source>
        <translation>%1 „%2“ ist keine http://- oder https://-URL mit Host.</translation>
    </message>
    <message>
        <source>%1 must not carry a user or password; the token goes into its own field.</source>
        <translation>%1 darf keinen Benutzer und kein Passwort enthalten; das Token gehört in sein eigenes Feld.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>keyring: %1</source>
        <translation>Schlüsselbund: %1</translation>
    </message>
    <message>
        <source>the keyring did not answer within %1 s</source>
        <translation>Der Schlüsselbund hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
    <message>
        <source>invalid profile id &quot;%1&quot;</source>
        <translation>Ungültige Profil-ID „%1“</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot create the token directory %1</source>
        <translation>Das Token-Verzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot remove %1: %2</source>
        <translation>%1 kann nicht entfernt werden: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console for nsgate, the namespace-aware OCI pull-through cache.</source>
        <translation>Desktop-Konsole für nsgate, den Namespace-bewussten OCI-Pull-Through-Cache.</translation>
    </message>
    <message>
        <source>Keep profiles and window state in FILE.</source>
        <translation>Profile und Fensterzustand in FILE speichern.</translation>
    </message>
    <message>
        <source>Speak LANG (en, de) instead of the system&apos;s language or the one chosen in the Language menu.</source>
        <translation>In LANG (en, de) sprechen statt in der Sprache des Systems oder der im Menü „Sprache“ gewählten.</translation>
    </message>
    <message>
        <source>The nsgate program for a local proxy.</source>
        <translation>Das nsgate-Programm für einen lokalen Proxy.</translation>
    </message>
    <message>
        <source>Data directory of the local proxy.</source>
        <translation>Datenverzeichnis des lokalen Proxys.</translation>
    </message>
    <message>
        <source>Start the local nsgate if there is none yet.</source>
        <translation>Das lokale nsgate starten, falls es noch keines gibt.</translation>
    </message>
    <message>
        <source>Use the light or dark palette (or the system&apos;s) instead of the one in the settings.</source>
        <translation>Die helle oder dunkle Farbpalette (oder die des Systems) statt der in den Einstellungen verwenden.</translation>
    </message>
</context>
<context>
    <name>nsgate::client::AdminClient</name>
    <message>
        <source>network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS-Fehler</translation>
    </message>
    <message>
        <source>unreadable answer</source>
        <translation>unlesbare Antwort</translation>
    </message>
    <message>
        <source> (current revision %1)</source>
        <translation> (aktuelle Revision %1)</translation>
    </message>
    <message>
        <source>config document: %1: %2</source>
        <translation>Konfigurationsdokument: %1: %2</translation>
    </message>
    <message>
        <source>info is not a JSON object</source>
        <translation>info ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>revisions is not a JSON array</source>
        <translation>revisions ist kein JSON-Array</translation>
    </message>
    <message>
        <source>event page is not a JSON object</source>
        <translation>Die Ereignisseite ist kein JSON-Objekt</translation>
    </message>
</context>
<context>
    <name>nsgate::client::EventExportJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>nsgate::client::EventSync</name>
    <message>
        <source>event stream closed</source>
        <translation>Ereignisstrom geschlossen</translation>
    </message>
</context>
<context>
    <name>nsgate::client::LocalProxy</name>
    <message>
        <source>nsgate did not report listening within %1 s</source>
        <translation>nsgate hat nicht innerhalb von %1 s gemeldet, dass es lauscht</translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation>Das Datenverzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>nsgate printed no listening line</source>
        <translation>nsgate hat keine Zeile über das Lauschen ausgegeben</translation>
    </message>
    <message>
        <source>unexpected first line from nsgate: %1</source>
        <translation>Unerwartete erste Zeile von nsgate: %1</translation>
    </message>
    <message>
        <source>nsgate reported unusable URLs: %1</source>
        <translation>nsgate hat unbrauchbare URLs gemeldet: %1</translation>
    </message>
    <message>
        <source>cannot read the admin token file %1: %2</source>
        <translation>Die Admin-Token-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the admin token file %1 is empty</source>
        <translation>Die Admin-Token-Datei %1 ist leer</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>ist abgestürzt</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>hat sich mit Code %1 beendet</translation>
    </message>
    <message>
        <source>nsgate %1 before listening%2</source>
        <translation>nsgate %1, bevor es lauschte%2</translation>
    </message>
    <message>
        <source>nsgate %1%2</source>
        <translation>nsgate %1%2</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>nsgate::client::LogIngest</name>
    <message>
        <source>Events could not be stored (%1); syncing again from the last stored one.</source>
        <translation>Ereignisse konnten nicht gespeichert werden (%1); die Synchronisation beginnt erneut beim zuletzt gespeicherten.</translation>
    </message>
</context>
<context>
    <name>nsgate::client::ProxyConnection</name>
    <message>
        <source>no admin token</source>
        <translation>kein Admin-Token</translation>
    </message>
</context>
<context>
    <name>nsgate::client::RegistryProbe</name>
    <message>
        <source>honours ns</source>
        <translation>beachtet ns</translation>
    </message>
    <message>
        <source>ignores ns</source>
        <translation>ignoriert ns</translation>
    </message>
    <message>
        <source>does not say (no OCI-Namespace)</source>
        <translation>sagt nichts (kein OCI-Namespace)</translation>
    </message>
    <message>
        <source>answered for another namespace</source>
        <translation>hat für einen anderen Namespace geantwortet</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>the mirror did not answer</source>
        <translation>Der Mirror hat nicht geantwortet</translation>
    </message>
    <message>
        <source>OCI-Namespace is &quot;%1&quot;, not &quot;%2&quot;</source>
        <translation>OCI-Namespace ist „%1“, nicht „%2“</translation>
    </message>
    <message>
        <source>it also served ns=%1, a namespace no one maps</source>
        <translation>Er lieferte auch für ns=%1 aus, einen Namespace, den niemand zuordnet</translation>
    </message>
    <message>
        <source>OCI-Namespace matches, and an unmapped ns got %1</source>
        <translation>OCI-Namespace stimmt, und ein nicht zugeordnetes ns bekam %1</translation>
    </message>
    <message>
        <source>no OCI-Namespace in the answer</source>
        <translation>Kein OCI-Namespace in der Antwort</translation>
    </message>
</context>
<context>
    <name>nsgate::export</name>
    <message>
        <source>&quot;%1&quot; already exists (use %2 to overwrite)</source>
        <translation>„%1“ existiert bereits (mit %2 überschreiben)</translation>
    </message>
    <message>
        <source>cannot create directory &quot;%1&quot;: %2</source>
        <translation>Verzeichnis „%1“ kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot create &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot write &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot sync &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht auf den Datenträger geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot replace &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht ersetzt werden: %2</translation>
    </message>
    <message>
        <source>namespace %1 has no upstream to fall back to (fallback %2)</source>
        <translation>Namespace %1 hat keinen Upstream, auf den zurückgegriffen werden kann (fallback %2)</translation>
    </message>
    <message>
        <source>namespace %1: fallback upstream %2 has %3 %4, which containerd does not add when it falls back to it directly</source>
        <translation>Namespace %1: Der Fallback-Upstream %2 hat %3 %4, das containerd nicht ergänzt, wenn es direkt auf ihn zurückgreift</translation>
    </message>
    <message>
        <source>namespace %1 is digest-only and fallback is %2: containerd resolves its tags at %3, which is the proxy, and the proxy refuses tags</source>
        <translation>Namespace %1 ist digest-only und fallback ist %2: containerd löst seine Tags bei %3 auf, also beim Proxy, und der Proxy weist Tags ab</translation>
    </message>
    <message>
        <source>%1 has no upstream of its own: it falls back to each registry&apos;s origin</source>
        <translation>%1 hat keinen eigenen Upstream: Es wird auf den Ursprung der jeweiligen Registry zurückgegriffen</translation>
    </message>
    <message>
        <source>%1 needs containerd 1.6.17 or later; earlier 1.6 releases ignore it</source>
        <translation>%1 braucht containerd 1.6.17 oder neuer; frühere 1.6-Versionen ignorieren die Datei</translation>
    </message>
    <message>
        <source>%1 path %2 does not end in /v2: containerd uses it verbatim as the API root (%3), so requests go to %4/&lt;repository&gt;/manifests/...</source>
        <translation>Der Pfad %2 von %1 endet nicht auf /v2: containerd verwendet ihn unverändert als API-Wurzel (%3), Anfragen gehen also an %4/&lt;repository&gt;/manifests/...</translation>
    </message>
    <message>
        <source>the config has no namespaces and %1 was not asked for: no files</source>
        <translation>Die Konfiguration hat keine Namespaces und %1 wurde nicht angefordert: keine Dateien</translation>
    </message>
    <message>
        <source>%1 export failed</source>
        <translation>Export von %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>not an http(s) registry URL: %1</source>
        <translation>keine http(s)-Registry-URL: %1</translation>
    </message>
    <message>
        <source>%1 is not an array of strings (containerd rejects the file); host skipped</source>
        <translation>%1 ist kein Array von Zeichenketten (containerd weist die Datei ab); Host übersprungen</translation>
    </message>
    <message>
        <source>unknown capability %1</source>
        <translation>unbekannte Fähigkeit %1</translation>
    </message>
    <message>
        <source>%1 is not a boolean; ignored</source>
        <translation>%1 ist kein Wahrheitswert; ignoriert</translation>
    </message>
    <message>
        <source>%1 is neither a path nor an array of paths; ignored</source>
        <translation>%1 ist weder ein Pfad noch ein Array von Pfaden; ignoriert</translation>
    </message>
    <message>
        <source>client certificates are not mapped: nsgate authenticates upstreams with stored credentials</source>
        <translation>Client-Zertifikate werden nicht übernommen: nsgate meldet sich bei Upstreams mit gespeicherten Zugangsdaten an</translation>
    </message>
    <message>
        <source>headers are not mapped: nsgate sends no custom headers upstream</source>
        <translation>Header werden nicht übernommen: nsgate sendet keine eigenen Header an Upstreams</translation>
    </message>
    <message>
        <source>%1 is not mapped: nsgate has its own upstream timeouts</source>
        <translation>%1 wird nicht übernommen: nsgate hat eigene Zeitlimits für Upstreams</translation>
    </message>
    <message>
        <source>unknown key %1 is not mapped</source>
        <translation>unbekannter Schlüssel %1 wird nicht übernommen</translation>
    </message>
    <message>
        <source>%1 with API root %2 (not ending in /v2) cannot be expressed as an nsgate upstream URL; the path was kept as written</source>
        <translation>%1 mit API-Wurzel %2 (nicht auf /v2 endend) lässt sich nicht als nsgate-Upstream-URL ausdrücken; der Pfad wurde unverändert übernommen</translation>
    </message>
    <message>
        <source>upstream URL %1 %2</source>
        <translation>Upstream-URL %1 %2</translation>
    </message>
    <message>
        <source>CA files are not read by the %1 parser; set %2 of %3 by hand</source>
        <translation>CA-Dateien liest der %1-Parser nicht; setzen Sie %2 von %3 von Hand</translation>
    </message>
    <message>
        <source>%1 entry is not a table; skipped</source>
        <translation>Eintrag in %1 ist keine Tabelle; übersprungen</translation>
    </message>
    <message>
        <source>%1 is not a table; skipped</source>
        <translation>%1 ist keine Tabelle; übersprungen</translation>
    </message>
    <message>
        <source>host %1 may not resolve tags, but nsgate upstreams have no per-host capabilities (%2 decides which upstream resolves tags)</source>
        <translation>Host %1 darf keine Tags auflösen, aber nsgate-Upstreams haben keine Fähigkeiten pro Host (%2 entscheidet, welcher Upstream Tags auflöst)</translation>
    </message>
    <message>
        <source>%1 is not a string; containerd&apos;s default https://&lt;namespace&gt; assumed</source>
        <translation>%1 ist keine Zeichenkette; containerds Vorgabe https://&lt;namespace&gt; angenommen</translation>
    </message>
    <message>
        <source>host %1 cannot pull (no %2 capability); not an upstream</source>
        <translation>Host %1 kann nicht pullen (keine Fähigkeit %2); kein Upstream</translation>
    </message>
    <message>
        <source>server %1 cannot pull; not an upstream</source>
        <translation>Server %1 kann nicht pullen; kein Upstream</translation>
    </message>
    <message>
        <source>larger than 1 MiB</source>
        <translation>größer als 1 MiB</translation>
    </message>
    <message>
        <source>not valid TOML at line %1, column %2: %3</source>
        <translation>kein gültiges TOML in Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>CA file %1: %2</source>
        <translation>CA-Datei %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>CA file %1: larger than 1 MiB</source>
        <translation>CA-Datei %1: größer als 1 MiB</translation>
    </message>
    <message>
        <source>%1: larger than 1 MiB</source>
        <translation>%1: größer als 1 MiB</translation>
    </message>
    <message>
        <source>CA file %1: cannot be opened</source>
        <translation>CA-Datei %1: kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1: cannot be opened</source>
        <translation>%1: kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>CA file %1: read error</source>
        <translation>CA-Datei %1: Lesefehler</translation>
    </message>
    <message>
        <source>%1: read error</source>
        <translation>%1: Lesefehler</translation>
    </message>
    <message>
        <source>%1 is not a directory: %2</source>
        <translation>%1 ist kein Verzeichnis: %2</translation>
    </message>
    <message>
        <source>%1 is not a directory</source>
        <translation>%1 ist kein Verzeichnis</translation>
    </message>
    <message>
        <source>%1 cannot be listed: %2</source>
        <translation>%1 kann nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>not a directory: containerd reads only %1</source>
        <translation>kein Verzeichnis: containerd liest nur %1</translation>
    </message>
    <message>
        <source>no %1 (certificate files alone are not mapped)</source>
        <translation>keine %1 (Zertifikatsdateien allein werden nicht übernommen)</translation>
    </message>
    <message>
        <source>host %1 serves several registries in this tree: taken as the proxy the tree points at, not as an upstream</source>
        <translation>Host %1 bedient mehrere Registries in diesem Verzeichnisbaum: als der Proxy angenommen, auf den der Baum zeigt, nicht als Upstream</translation>
    </message>
    <message>
        <source>%1 covers every registry without its own directory; nsgate serves only mapped namespaces, so it is not imported</source>
        <translation>%1 deckt jede Registry ohne eigenes Verzeichnis ab; nsgate liefert nur zugeordnete Namespaces aus, daher wird es nicht importiert</translation>
    </message>
    <message>
        <source>same registry as directory %1, which containerd reads first (%2 before %3)</source>
        <translation>dieselbe Registry wie Verzeichnis %1, das containerd zuerst liest (%2 vor %3)</translation>
    </message>
    <message>
        <source>CA file %1 holds no PEM certificate</source>
        <translation>CA-Datei %1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>directory %1 is containerd&apos;s catch-all, not a registry host</source>
        <translation>Verzeichnis %1 ist containerds Auffangverzeichnis, kein Registry-Host</translation>
    </message>
    <message>
        <source>directory %1 is never read: containerd looks up %2</source>
        <translation>Verzeichnis %1 wird nie gelesen: containerd sucht nach %2</translation>
    </message>
    <message>
        <source>%1 could not be read</source>
        <translation>%1 konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>importing %1 failed</source>
        <translation>Import von %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 %2: Docker needs a mirror at a host root, without a path</source>
        <translation>%1 %2: Docker braucht einen Mirror an der Wurzel eines Hosts, ohne Pfad</translation>
    </message>
    <message>
        <source>the config has no %1 namespace (by name or alias): Docker mirrors only Docker Hub, so there is nothing to export</source>
        <translation>Die Konfiguration hat keinen Namespace %1 (als Name oder Alias): Docker spiegelt nur Docker Hub, es gibt also nichts zu exportieren</translation>
    </message>
    <message>
        <source>namespace %1 not exportable: Docker mirrors only Docker Hub</source>
        <translation>Namespace %1 nicht exportierbar: Docker spiegelt nur Docker Hub</translation>
    </message>
    <message>
        <source>Docker sends no ns: the proxy serves its pulls only when %1 is %2 with %3 %4</source>
        <translation>Docker sendet kein ns: Der Proxy liefert seine Pulls nur aus, wenn %1 %2 ist, mit %3 %4</translation>
    </message>
    <message>
        <source>namespace %1 is digest-only: the proxy refuses Docker&apos;s tag lookups and Docker falls back to Docker Hub for them</source>
        <translation>Namespace %1 ist digest-only: Der Proxy weist Dockers Tag-Abfragen ab und Docker greift dafür auf Docker Hub zurück</translation>
    </message>
    <message>
        <source>%1 %2: must be http:// or https:// with a host, optional port and optional path (%3)</source>
        <translation>%1 %2: muss http:// oder https:// mit einem Host, optionalem Port und optionalem Pfad sein (%3)</translation>
    </message>
    <message>
        <source>incomplete percent escape in the path</source>
        <translation>unvollständige Prozentkodierung im Pfad</translation>
    </message>
    <message>
        <source>unexpected character in the path</source>
        <translation>unerwartetes Zeichen im Pfad</translation>
    </message>
    <message>
        <source>empty path segment</source>
        <translation>leeres Pfadsegment</translation>
    </message>
    <message>
        <source>&apos;.&apos; or &apos;..&apos; path segment</source>
        <translation>Pfadsegment „.“ oder „..“</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>no scheme</source>
        <translation>kein Schema</translation>
    </message>
    <message>
        <source>scheme is not http or https</source>
        <translation>Schema ist weder http noch https</translation>
    </message>
    <message>
        <source>queries and fragments are not allowed</source>
        <translation>Query und Fragment sind nicht erlaubt</translation>
    </message>
    <message>
        <source>user info is not allowed</source>
        <translation>Benutzerangaben sind nicht erlaubt</translation>
    </message>
    <message>
        <source>no host</source>
        <translation>kein Host</translation>
    </message>
    <message>
        <source>namespace %1 is digest-only, but %2 cannot keep tag lookups away from the proxy: the proxy refuses them and k3s falls back to the registry itself</source>
        <translation>Namespace %1 ist digest-only, aber %2 kann Tag-Abfragen nicht vom Proxy fernhalten: Der Proxy weist sie ab und k3s greift auf die Registry selbst zurück</translation>
    </message>
    <message>
        <source>the config has no namespaces and %1 was not asked for: no mirrors</source>
        <translation>Die Konfiguration hat keine Namespaces und %1 wurde nicht angefordert: keine Mirrors</translation>
    </message>
    <message>
        <source>%1 %2: not normalized (clients would look up %3)</source>
        <translation>%1 %2: nicht normalisiert (Clients würden nach %3 suchen)</translation>
    </message>
    <message>
        <source>%1 %2: used by more than one namespace or alias</source>
        <translation>%1 %2: von mehr als einem Namespace oder Alias verwendet</translation>
    </message>
    <message>
        <source>%1 %2: contains a control character</source>
        <translation>%1 %2: enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <source>%1 has no effect: the proxy URL %2 is plain http</source>
        <translation>%1 wirkt nicht: Die Proxy-URL %2 ist unverschlüsseltes http</translation>
    </message>
    <message>
        <source>%1 %2: must be host[:port] without a scheme</source>
        <translation>%1 %2: muss host[:port] ohne Schema sein</translation>
    </message>
    <message>
        <source>mirror locations are image references, which allow no &apos;:&apos; or brackets after the proxy host</source>
        <translation>Mirror-Orte sind Image-Referenzen, die nach dem Proxy-Host weder „:“ noch eckige Klammern erlauben</translation>
    </message>
    <message>
        <source>the proxy recognizes a path-prefix namespace only when it contains a &apos;.&apos;</source>
        <translation>der Proxy erkennt einen Namespace als Pfadpräfix nur, wenn er einen „.“ enthält</translation>
    </message>
    <message>
        <source>alias %1 not exported: %2</source>
        <translation>Alias %1 nicht exportiert: %2</translation>
    </message>
    <message>
        <source>namespace %1 not exported: %2</source>
        <translation>Namespace %1 nicht exportiert: %2</translation>
    </message>
    <message>
        <source>no namespace could be exported: %1 has no %2</source>
        <translation>kein Namespace ließ sich exportieren: %1 hat kein %2</translation>
    </message>
</context>
<context>
    <name>nsgate::model</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>ein Wahrheitswert</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>ein Wert</translation>
    </message>
    <message>
        <source>must be an object, not %1 %2</source>
        <translation>muss ein Objekt sein, ist aber %1 (%2)</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot;</source>
        <translation>unbekanntes Feld „%1“</translation>
    </message>
    <message>
        <source>must be a string, not %1 %2</source>
        <translation>muss eine Zeichenkette sein, ist aber %1 (%2)</translation>
    </message>
    <message>
        <source>must be a string or null, not %1 %2</source>
        <translation>muss eine Zeichenkette oder null sein, ist aber %1 (%2)</translation>
    </message>
    <message>
        <source>must be true or false, not %1 %2</source>
        <translation>muss true oder false sein, ist aber %1 (%2)</translation>
    </message>
    <message>
        <source>is out of range: %1</source>
        <translation>liegt außerhalb des zulässigen Bereichs: %1</translation>
    </message>
    <message>
        <source>must be an integer, not %1 %2</source>
        <translation>muss eine ganze Zahl sein, ist aber %1 (%2)</translation>
    </message>
    <message>
        <source>must be an array of strings, not %1 %2</source>
        <translation>muss ein Array von Zeichenketten sein, ist aber %1 (%2)</translation>
    </message>
    <message>
        <source>must be one of %1, not %2 %3</source>
        <translation>muss einer der Werte %1 sein, ist aber %2 (%3)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of %2</source>
        <translation>„%1“ ist keiner der Werte %2</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>must be an array, not %1 %2</source>
        <translation>muss ein Array sein, ist aber %1 (%2)</translation>
    </message>
    <message>
        <source>is required (at least one upstream)</source>
        <translation>ist erforderlich (mindestens ein Upstream)</translation>
    </message>
    <message>
        <source>schema version %1 is not supported (expected %2)</source>
        <translation>Schemaversion %1 wird nicht unterstützt (erwartet: %2)</translation>
    </message>
    <message>
        <source>is not valid JSON: %1</source>
        <translation>ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>%1 %2 must be written as %3</source>
        <translation>%1 %2 muss als %3 geschrieben werden</translation>
    </message>
    <message>
        <source>must start with http:// or https://</source>
        <translation>muss mit http:// oder https:// beginnen</translation>
    </message>
    <message>
        <source>must not contain a query or fragment</source>
        <translation>darf weder Query noch Fragment enthalten</translation>
    </message>
    <message>
        <source>must not contain user info (store credentials separately)</source>
        <translation>darf keine Benutzerangaben enthalten (Zugangsdaten getrennt speichern)</translation>
    </message>
    <message>
        <source>has no host</source>
        <translation>hat keinen Host</translation>
    </message>
    <message>
        <source>has an empty segment in its path %1</source>
        <translation>hat ein leeres Segment im Pfad %1</translation>
    </message>
    <message>
        <source>has a character that is not allowed in its path %1</source>
        <translation>hat ein unzulässiges Zeichen im Pfad %1</translation>
    </message>
    <message>
        <source>revision %1 must not be negative</source>
        <translation>Revision %1 darf nicht negativ sein</translation>
    </message>
    <message>
        <source>%1 is already used by %2</source>
        <translation>%1 wird bereits von %2 verwendet</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>namespace %1 needs at least one upstream</source>
        <translation>Namespace %1 braucht mindestens einen Upstream</translation>
    </message>
    <message>
        <source>upstream URL %1 %2</source>
        <translation>Upstream-URL %1 %2</translation>
    </message>
    <message>
        <source>credential name %1 must be 1 to %2 characters of letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>Name der Zugangsdaten %1 muss aus 1 bis %2 Buchstaben, Ziffern, „.“, „_“ oder „-“ bestehen</translation>
    </message>
    <message>
        <source>credential %1 is not stored on this proxy</source>
        <translation>Zugangsdaten %1 sind auf diesem Proxy nicht gespeichert</translation>
    </message>
    <message>
        <source>must hold at least one PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;)</source>
        <translation>muss mindestens ein PEM-Zertifikat enthalten („-----BEGIN CERTIFICATE-----“)</translation>
    </message>
    <message>
        <source>repository prefix %1 must be one or more repository path segments followed by &apos;/&apos;</source>
        <translation>Repository-Präfix %1 muss aus einem oder mehreren Pfadsegmenten eines Repositorys bestehen, gefolgt von „/“</translation>
    </message>
    <message>
        <source>tag TTL %1 must be between 0 and %2 seconds</source>
        <translation>Tag-TTL %1 muss zwischen 0 und %2 Sekunden liegen</translation>
    </message>
    <message>
        <source>default namespace %1 is not one of the configured namespaces</source>
        <translation>Standard-Namespace %1 ist keiner der konfigurierten Namespaces</translation>
    </message>
    <message>
        <source>time &quot;%1&quot; is not RFC 3339 (e.g. 2026-11-27T21:00:00.123Z)</source>
        <translation>Zeit „%1“ entspricht nicht RFC 3339 (z. B. 2026-11-27T21:00:00.123Z)</translation>
    </message>
    <message>
        <source>event must be a JSON object</source>
        <translation>Ereignis muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>event field &quot;%1&quot; %2</source>
        <translation>Ereignisfeld „%1“ %2</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>must be a string or null</source>
        <translation>muss eine Zeichenkette oder null sein</translation>
    </message>
    <message>
        <source>must be an integer</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>has an unknown value %1</source>
        <translation>hat einen unbekannten Wert %1</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>muss eine Zahl sein</translation>
    </message>
    <message>
        <source>event is not valid JSON: %1</source>
        <translation>Ereignis ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>must be lower-case (found %1 at position %2)</source>
        <translation>muss kleingeschrieben sein (%1 an Position %2 gefunden)</translation>
    </message>
    <message>
        <source>must be at most %1 characters (has %2)</source>
        <translation>darf höchstens %1 Zeichen lang sein (hat %2)</translation>
    </message>
    <message>
        <source>character %1 at position %2 is not allowed (only a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;-&apos; and &apos;/&apos;)</source>
        <translation>Zeichen %1 an Position %2 ist nicht erlaubt (nur a-z, 0-9, „.“, „_“, „-“ und „/“)</translation>
    </message>
    <message>
        <source>empty path component at position %1 (no leading, trailing or double &apos;/&apos;)</source>
        <translation>leerer Pfadbestandteil an Position %1 (kein „/“ am Anfang, am Ende oder doppelt)</translation>
    </message>
    <message>
        <source>path component must start with a letter or digit (found %1 at position %2)</source>
        <translation>Pfadbestandteil muss mit einem Buchstaben oder einer Ziffer beginnen (%1 an Position %2 gefunden)</translation>
    </message>
    <message>
        <source>path component must end with a letter or digit (found %1 at position %2)</source>
        <translation>Pfadbestandteil muss mit einem Buchstaben oder einer Ziffer enden (%1 an Position %2 gefunden)</translation>
    </message>
    <message>
        <source>invalid separator at position %1 (between letters and digits use one &apos;.&apos;, one or two &apos;_&apos;, or &apos;-&apos;s)</source>
        <translation>ungültiges Trennzeichen an Position %1 (zwischen Buchstaben und Ziffern ein „.“, ein oder zwei „_“ oder „-“ verwenden)</translation>
    </message>
    <message>
        <source>must start with a letter, digit or &apos;_&apos; (found %1)</source>
        <translation>muss mit einem Buchstaben, einer Ziffer oder „_“ beginnen (%1 gefunden)</translation>
    </message>
    <message>
        <source>character %1 at position %2 is not allowed (only A-Z, a-z, 0-9, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;)</source>
        <translation>Zeichen %1 an Position %2 ist nicht erlaubt (nur A-Z, a-z, 0-9, „_“, „.“ und „-“)</translation>
    </message>
    <message>
        <source>must be &lt;algorithm&gt;:&lt;hex&gt; (sha256:&lt;64 hex digits&gt; or sha512:&lt;128 hex digits&gt;)</source>
        <translation>muss &lt;Algorithmus&gt;:&lt;Hex&gt; sein (sha256:&lt;64 Hex-Ziffern&gt; oder sha512:&lt;128 Hex-Ziffern&gt;)</translation>
    </message>
    <message>
        <source>unsupported algorithm %1 (sha256 or sha512)</source>
        <translation>nicht unterstützter Algorithmus %1 (sha256 oder sha512)</translation>
    </message>
    <message>
        <source>character %1 at position %2 is not a lower-case hex digit</source>
        <translation>Zeichen %1 an Position %2 ist keine kleingeschriebene Hex-Ziffer</translation>
    </message>
    <message>
        <source>%1 needs %2 hex digits (has %3)</source>
        <translation>%1 braucht %2 Hex-Ziffern (hat %3)</translation>
    </message>
    <message>
        <source>reference %1: %2</source>
        <translation>Referenz %1: %2</translation>
    </message>
    <message>
        <source>is longer than any valid reference (%1 characters)</source>
        <translation>ist länger als jede gültige Referenz (%1 Zeichen)</translation>
    </message>
    <message>
        <source>a bare 64-character hex string is an image ID, not a repository name</source>
        <translation>eine bloße Hex-Zeichenkette aus 64 Zeichen ist eine Image-ID, kein Repository-Name</translation>
    </message>
    <message>
        <source>has no repository name</source>
        <translation>hat keinen Repository-Namen</translation>
    </message>
    <message>
        <source>name %1 must be at most %2 characters (has %3)</source>
        <translation>Name %1 darf höchstens %2 Zeichen lang sein (hat %3)</translation>
    </message>
    <message>
        <source>path %1 is not a registry object path</source>
        <translation>Pfad %1 ist kein Pfad zu einem Registry-Objekt</translation>
    </message>
    <message>
        <source>host name before the port is empty</source>
        <translation>Hostname vor dem Port ist leer</translation>
    </message>
    <message>
        <source>empty label at position %1 (no leading, trailing or double &apos;.&apos;)</source>
        <translation>leeres Label an Position %1 (kein „.“ am Anfang, am Ende oder doppelt)</translation>
    </message>
    <message>
        <source>label %1 is longer than %2 characters (has %3)</source>
        <translation>Label %1 ist länger als %2 Zeichen (hat %3)</translation>
    </message>
    <message>
        <source>character %1 at position %2 is not allowed in a host name (only a-z, 0-9, &apos;-&apos; and &apos;.&apos;)</source>
        <translation>Zeichen %1 an Position %2 ist in einem Hostnamen nicht erlaubt (nur a-z, 0-9, „-“ und „.“)</translation>
    </message>
    <message>
        <source>label %1 must not start or end with &apos;-&apos;</source>
        <translation>Label %1 darf nicht mit „-“ beginnen oder enden</translation>
    </message>
    <message>
        <source>%1 is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)</source>
        <translation>%1 ist keine gültige IPv4-Adresse (vier Dezimalzahlen von 0 bis 255 ohne führende Nullen)</translation>
    </message>
    <message>
        <source>empty IPv6 address in brackets</source>
        <translation>leere IPv6-Adresse in eckigen Klammern</translation>
    </message>
    <message>
        <source>IPv6 zone identifiers (&apos;%&apos;) are not allowed</source>
        <translation>IPv6-Zonenkennungen („%“) sind nicht erlaubt</translation>
    </message>
    <message>
        <source>IPv6 addresses with an embedded IPv4 address are not allowed</source>
        <translation>IPv6-Adressen mit eingebetteter IPv4-Adresse sind nicht erlaubt</translation>
    </message>
    <message>
        <source>character %1 is not allowed in an IPv6 address (only hex digits and &apos;:&apos;)</source>
        <translation>Zeichen %1 ist in einer IPv6-Adresse nicht erlaubt (nur Hex-Ziffern und „:“)</translation>
    </message>
    <message>
        <source>%1 is not a valid IPv6 address</source>
        <translation>%1 ist keine gültige IPv6-Adresse</translation>
    </message>
    <message>
        <source>port after &apos;:&apos; is empty</source>
        <translation>Port nach „:“ ist leer</translation>
    </message>
    <message>
        <source>port %1 must be decimal digits</source>
        <translation>Port %1 muss aus Dezimalziffern bestehen</translation>
    </message>
    <message>
        <source>port %1 is out of range (1-65535)</source>
        <translation>Port %1 liegt außerhalb des zulässigen Bereichs (1-65535)</translation>
    </message>
    <message>
        <source>must be a registry host, not a URL (no scheme such as &quot;https://&quot;)</source>
        <translation>muss ein Registry-Host sein, keine URL (kein Schema wie „https://“)</translation>
    </message>
    <message>
        <source>must not contain user info (%1 at position %2)</source>
        <translation>darf keine Benutzerangaben enthalten (%1 an Position %2)</translation>
    </message>
    <message>
        <source>must not contain a path (%1 at position %2)</source>
        <translation>darf keinen Pfad enthalten (%1 an Position %2)</translation>
    </message>
    <message>
        <source>must not contain a query (%1 at position %2)</source>
        <translation>darf keine Query enthalten (%1 an Position %2)</translation>
    </message>
    <message>
        <source>must not contain a fragment (%1 at position %2)</source>
        <translation>darf kein Fragment enthalten (%1 an Position %2)</translation>
    </message>
    <message>
        <source>character %1 at position %2 is not allowed (no spaces, control or non-ASCII characters; write international names in punycode)</source>
        <translation>Zeichen %1 an Position %2 ist nicht erlaubt (keine Leer-, Steuer- oder Nicht-ASCII-Zeichen; internationale Namen in Punycode schreiben)</translation>
    </message>
    <message>
        <source>IPv6 address has no closing &apos;]&apos;</source>
        <translation>IPv6-Adresse hat keine schließende „]“</translation>
    </message>
    <message>
        <source>unexpected %1 at position %2 after the IPv6 address (expected &apos;:port&apos;)</source>
        <translation>unerwartetes %1 an Position %2 nach der IPv6-Adresse (erwartet: „:port“)</translation>
    </message>
    <message>
        <source>IPv6 addresses must be in brackets (&quot;[2001:db8::1]:5000&quot;)</source>
        <translation>IPv6-Adressen müssen in eckigen Klammern stehen („[2001:db8::1]:5000“)</translation>
    </message>
    <message>
        <source>malformed percent escape at position %1 (expected %XX)</source>
        <translation>fehlerhafte Prozentkodierung an Position %1 (erwartet: %XX)</translation>
    </message>
    <message>
        <source>value %1: %2</source>
        <translation>Wert %1: %2</translation>
    </message>
    <message>
        <source>ns %1 (decoded %2): %3</source>
        <translation>ns %1 (dekodiert %2): %3</translation>
    </message>
    <message>
        <source>ns %1: %2</source>
        <translation>ns %1: %2</translation>
    </message>
    <message>
        <source>must be at most %1 characters</source>
        <translation>darf höchstens %1 Zeichen lang sein</translation>
    </message>
    <message>
        <source>must be lower-case, as repositories are (found %1 at position %2)</source>
        <translation>muss kleingeschrieben sein wie Repositories (%1 an Position %2 gefunden)</translation>
    </message>
    <message>
        <source>empty segment at position %1 (no leading, trailing or double &apos;/&apos;)</source>
        <translation>leeres Segment an Position %1 (kein „/“ am Anfang, am Ende oder doppelt)</translation>
    </message>
    <message>
        <source>&quot;**&quot; must be a whole segment (at position %1)</source>
        <translation>„**“ muss ein ganzes Segment sein (an Position %1)</translation>
    </message>
    <message>
        <source>character %1 at position %2 is not allowed (only a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;, &apos;/&apos; and &apos;*&apos;)</source>
        <translation>Zeichen %1 an Position %2 ist nicht erlaubt (nur a-z, 0-9, „.“, „_“, „-“, „/“ und „*“)</translation>
    </message>
    <message>
        <source>glob %1: %2</source>
        <translation>Glob %1: %2</translation>
    </message>
</context>
<context>
    <name>nsgate::store</name>
    <message>
        <source>cannot open database: empty path (use %1 for a scratch database)</source>
        <translation>Datenbank kann nicht geöffnet werden: leerer Pfad (für eine Wegwerf-Datenbank %1 verwenden)</translation>
    </message>
    <message>
        <source>cannot open database: the path contains a NUL byte</source>
        <translation>Datenbank kann nicht geöffnet werden: Der Pfad enthält ein NUL-Byte</translation>
    </message>
    <message>
        <source>cannot open database &apos;%1&apos;</source>
        <translation>Datenbank „%1“ kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>cannot enable write-ahead logging: journal mode is &apos;%1&apos;</source>
        <translation>Write-Ahead-Logging lässt sich nicht einschalten: Journal-Modus ist „%1“</translation>
    </message>
    <message>
        <source>cannot execute: the database is closed</source>
        <translation>Ausführen nicht möglich: Die Datenbank ist geschlossen</translation>
    </message>
    <message>
        <source>cannot execute: the script is larger than 2 GiB</source>
        <translation>Ausführen nicht möglich: Das Skript ist größer als 2 GiB</translation>
    </message>
    <message>
        <source>exec failed</source>
        <translation>Ausführen fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot prepare: the database is closed</source>
        <translation>Vorbereiten nicht möglich: Die Datenbank ist geschlossen</translation>
    </message>
    <message>
        <source>cannot prepare: the statement is larger than 2 GiB</source>
        <translation>Vorbereiten nicht möglich: Die Anweisung ist größer als 2 GiB</translation>
    </message>
    <message>
        <source>cannot prepare: no SQL statement given</source>
        <translation>Vorbereiten nicht möglich: keine SQL-Anweisung angegeben</translation>
    </message>
    <message>
        <source>prepare failed</source>
        <translation>Vorbereiten fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot prepare: the SQL holds only comments</source>
        <translation>Vorbereiten nicht möglich: Das SQL enthält nur Kommentare</translation>
    </message>
    <message>
        <source>cannot prepare: more than one statement (use %1 for scripts)</source>
        <translation>Vorbereiten nicht möglich: mehr als eine Anweisung (für Skripte %1 verwenden)</translation>
    </message>
    <message>
        <source>a proxy needs a non-empty %1</source>
        <translation>ein Proxy braucht einen nicht leeren Wert für %1</translation>
    </message>
    <message>
        <source>events need the proxy&apos;s non-empty %1</source>
        <translation>Ereignisse brauchen einen nicht leeren Wert für %1 des Proxys</translation>
    </message>
    <message>
        <source>proxy %1 vanished while registering</source>
        <translation>Proxy %1 ist während der Registrierung verschwunden</translation>
    </message>
    <message>
        <source>proxy id %1 does not fit the event id (%2 at most)</source>
        <translation>Proxy-ID %1 passt nicht in die Ereignis-ID (höchstens %2)</translation>
    </message>
    <message>
        <source>event %1: %2</source>
        <translation>Ereignis %1: %2</translation>
    </message>
    <message>
        <source>event seq %1 is outside 1..%2</source>
        <translation>Ereignis-seq %1 liegt außerhalb von 1..%2</translation>
    </message>
    <message>
        <source>gap %1..%2 is not a range of seqs</source>
        <translation>Lücke %1..%2 ist kein Bereich von seqs</translation>
    </message>
    <message>
        <source>retention %1 must not be negative, got %2</source>
        <translation>Aufbewahrungsgrenze %1 darf nicht negativ sein, ist aber %2</translation>
    </message>
    <message>
        <source>stored event %1: %2 code %3 is not a known value</source>
        <translation>gespeichertes Ereignis %1: %2-Code %3 ist kein bekannter Wert</translation>
    </message>
    <message>
        <source>stored mismatch code %1 is not a known value</source>
        <translation>gespeicherter Abweichungscode %1 ist kein bekannter Wert</translation>
    </message>
    <message>
        <source>migration %1</source>
        <translation>Migration %1</translation>
    </message>
    <message>
        <source>migration %1 (%2)</source>
        <translation>Migration %1 (%2)</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>the migration&apos;s SQL ended the transaction it runs in</source>
        <translation>das SQL der Migration hat die Transaktion beendet, in der es läuft</translation>
    </message>
    <message>
        <source>migration #%1 has version %2; versions start at 1</source>
        <translation>Migration #%1 hat Version %2; Versionen beginnen bei 1</translation>
    </message>
    <message>
        <source>%1 follows version %2; versions must be strictly increasing</source>
        <translation>%1 folgt auf Version %2; Versionen müssen streng aufsteigend sein</translation>
    </message>
    <message>
        <source>database schema version %1 is newer than this program supports (newest known migration: %2); refusing to use it</source>
        <translation>Datenbank-Schemaversion %1 ist neuer, als dieses Programm unterstützt (neueste bekannte Migration: %2); sie wird nicht verwendet</translation>
    </message>
    <message>
        <source>database schema version %1 matches no known migration; refusing to migrate it</source>
        <translation>Datenbank-Schemaversion %1 passt zu keiner bekannten Migration; sie wird nicht migriert</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2; SQL: %3</source>
        <translation>%1: %2; SQL: %3</translation>
    </message>
    <message>
        <source>%1; SQL: %2</source>
        <translation>%1; SQL: %2</translation>
    </message>
    <message>
        <source>cannot bind parameter %1 (reset() the statement before binding the next row)</source>
        <translation>Parameter %1 kann nicht gebunden werden (vor der nächsten Zeile die Anweisung mit reset() zurücksetzen)</translation>
    </message>
    <message>
        <source>cannot bind parameter %1</source>
        <translation>Parameter %1 kann nicht gebunden werden</translation>
    </message>
    <message>
        <source>cannot bind parameter %1: unsigned value exceeds SQLite&apos;s signed 64-bit integer range</source>
        <translation>Parameter %1 kann nicht gebunden werden: Der vorzeichenlose Wert übersteigt den vorzeichenbehafteten 64-Bit-Ganzzahlbereich von SQLite</translation>
    </message>
    <message>
        <source>%1 got %2 values but the statement has %3 parameters</source>
        <translation>%1 hat %2 Werte erhalten, aber die Anweisung hat %3 Parameter</translation>
    </message>
    <message>
        <source>cannot bind parameter %1: the statement is empty (moved from or never prepared)</source>
        <translation>Parameter %1 kann nicht gebunden werden: Die Anweisung ist leer (verschoben oder nie vorbereitet)</translation>
    </message>
    <message>
        <source>cannot step an empty statement (moved from or never prepared)</source>
        <translation>eine leere Anweisung kann nicht ausgeführt werden (verschoben oder nie vorbereitet)</translation>
    </message>
    <message>
        <source>step failed</source>
        <translation>Schritt fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot begin a transaction: the database is closed</source>
        <translation>Transaktion kann nicht begonnen werden: Die Datenbank ist geschlossen</translation>
    </message>
    <message>
        <source>cannot begin a transaction</source>
        <translation>Transaktion kann nicht begonnen werden</translation>
    </message>
    <message>
        <source>commit failed</source>
        <translation>Commit fehlgeschlagen</translation>
    </message>
    <message>
        <source>commit failed: the transaction is not active</source>
        <translation>Commit fehlgeschlagen: Die Transaktion ist nicht aktiv</translation>
    </message>
    <message>
        <source>rollback failed</source>
        <translation>Rollback fehlgeschlagen</translation>
    </message>
    <message>
        <source>rollback failed: the transaction is not active</source>
        <translation>Rollback fehlgeschlagen: Die Transaktion ist nicht aktiv</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::AuditModel</name>
    <message>
        <source>The local log store is closed.</source>
        <translation>Der lokale Ereignisspeicher ist geschlossen.</translation>
    </message>
    <message>
        <source>The local log store could not be opened.</source>
        <translation>Der lokale Ereignisspeicher konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>No local log store.</source>
        <translation>Kein lokaler Ereignisspeicher.</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>User agent</source>
        <translation>User-Agent</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::AuditPage</name>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <source>All proxies</source>
        <translation>Alle Proxys</translation>
    </message>
    <message>
        <source>docker.io</source>
        <translation>docker.io</translation>
    </message>
    <message>
        <source>library/alpine</source>
        <translation>library/alpine</translation>
    </message>
    <message>
        <source>tag or digest</source>
        <translation>Tag oder Digest</translation>
    </message>
    <message>
        <source>sha256:…</source>
        <translation>sha256:…</translation>
    </message>
    <message>
        <source>https://registry-1.docker.io</source>
        <translation>https://registry-1.docker.io</translation>
    </message>
    <message>
        <source>10.0.0.7</source>
        <translation>10.0.0.7</translation>
    </message>
    <message>
        <source>containerd/1.6.20~ds1</source>
        <translation>containerd/1.6.20~ds1</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Zeit:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Pr&amp;oxy:</source>
        <translation>Pr&amp;oxy:</translation>
    </message>
    <message>
        <source>Na&amp;mespace:</source>
        <translation>Na&amp;mespace:</translation>
    </message>
    <message>
        <source>Repositor&amp;y:</source>
        <translation>Repositor&amp;y:</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Referenz:</translation>
    </message>
    <message>
        <source>&amp;Digest:</source>
        <translation>&amp;Digest:</translation>
    </message>
    <message>
        <source>&amp;Upstream:</source>
        <translation>&amp;Upstream:</translation>
    </message>
    <message>
        <source>C&amp;lient:</source>
        <translation>C&amp;lient:</translation>
    </message>
    <message>
        <source>User a&amp;gent:</source>
        <translation>User-A&amp;gent:</translation>
    </message>
    <message>
        <source>Cache:</source>
        <translation>Cache:</translation>
    </message>
    <message>
        <source>Mismatch:</source>
        <translation>Abweichung:</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Entscheidung:</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>CS&amp;V exportieren…</translation>
    </message>
    <message>
        <source>Write every event of the listed result to a CSV file, oldest first</source>
        <translation>Jedes Ereignis des gelisteten Ergebnisses in eine CSV-Datei schreiben, älteste zuerst</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>&amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>Write every event of the listed result as JSON Lines, oldest first</source>
        <translation>Jedes Ereignis des gelisteten Ergebnisses als JSON Lines schreiben, älteste zuerst</translation>
    </message>
    <message>
        <source>Select an event to see all of its fields.</source>
        <translation>Ein Ereignis auswählen, um alle seine Felder zu sehen.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Who served this digest</source>
        <translation>Wer diesen Digest ausgeliefert hat</translation>
    </message>
    <message>
        <source>sha256:… (filled from the selected event)</source>
        <translation>sha256:… (aus dem gewählten Ereignis übernommen)</translation>
    </message>
    <message>
        <source>Loo&amp;k up</source>
        <translation>Nach&amp;schlagen</translation>
    </message>
    <message>
        <source>Time: the end (%1) is not after the start (%2).</source>
        <translation>Zeit: Das Ende (%1) liegt nicht nach dem Anfang (%2).</translation>
    </message>
    <message>
        <source>Reference: %1 is neither a tag nor a digest.</source>
        <translation>Referenz: %1 ist weder ein Tag noch ein Digest.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Asked for</source>
        <translation>Angefragt</translation>
    </message>
    <message>
        <source>Served by namespace</source>
        <translation>Ausgeliefert von Namespace</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <source>— (no upstream contacted)</source>
        <translation>— (kein Upstream kontaktiert)</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>Media type</source>
        <translation>Medientyp</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>User agent</source>
        <translation>User-Agent</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>Wird nachgeschlagen…</translation>
    </message>
    <message>
        <source>The local log store could not be opened.</source>
        <translation>Der lokale Ereignisspeicher konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>No stored event served %1.</source>
        <translation>Kein gespeichertes Ereignis hat %1 ausgeliefert.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) served %1 over the stored history.</source>
        <translation>
            <numerusform>%n Anfrage hat %1 im gespeicherten Verlauf ausgeliefert.</numerusform>
            <numerusform>%n Anfragen haben %1 im gespeicherten Verlauf ausgeliefert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export events as CSV</source>
        <translation>Ereignisse als CSV exportieren</translation>
    </message>
    <message>
        <source>Export events as JSON Lines</source>
        <translation>Ereignisse als JSON Lines exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.json)</source>
        <translation>JSON Lines (*.jsonl *.json)</translation>
    </message>
    <message>
        <source>Export events</source>
        <translation>Ereignisse exportieren</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not written.</source>
        <translation>Export abgebrochen; %1 wurde nicht geschrieben.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No local log store: the audit reads the events the console has collected.</source>
        <translation>Kein lokaler Ereignisspeicher: Das Audit liest die Ereignisse, die die Konsole gesammelt hat.</translation>
    </message>
    <message>
        <source>The query failed: %1</source>
        <translation>Die Abfrage ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No stored event matches.</source>
        <translation>Kein gespeichertes Ereignis passt.</translation>
    </message>
    <message>
        <source>Matching events</source>
        <translation>Passende Ereignisse</translation>
    </message>
    <message>
        <source>Fields of the selected event</source>
        <translation>Felder des gewählten Ereignisses</translation>
    </message>
    <message>
        <source>Digest to look up</source>
        <translation>Nachzuschlagender Digest</translation>
    </message>
    <message>
        <source>Upstreams that served the digest</source>
        <translation>Upstreams, die den Digest ausgeliefert haben</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) written…</source>
        <translation>
            <numerusform>%Ln Ereignis geschrieben…</numerusform>
            <numerusform>%Ln Ereignisse geschrieben…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln event(s) to %1.</source>
        <translation>
            <numerusform>%Ln Ereignis nach %1 exportiert.</numerusform>
            <numerusform>%Ln Ereignisse nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Searching… %Ln event(s) listed so far.</source>
        <translation>
            <numerusform>Suche läuft… bisher %Ln Ereignis aufgelistet.</numerusform>
            <numerusform>Suche läuft… bisher %Ln Ereignisse aufgelistet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) match, newest first.</source>
        <translation>
            <numerusform>%Ln Ereignis passt, neuestes zuerst.</numerusform>
            <numerusform>%Ln Ereignisse passen, neueste zuerst.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) listed, newest first; scroll down for more.</source>
        <translation>
            <numerusform>%Ln Ereignis aufgelistet, neuestes zuerst; für mehr nach unten blättern.</numerusform>
            <numerusform>%Ln Ereignisse aufgelistet, neueste zuerst; für mehr nach unten blättern.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ConflictDialog</name>
    <message>
        <source>Config changed on the proxy</source>
        <translation>Konfiguration auf dem Proxy geändert</translation>
    </message>
    <message>
        <source>Theirs (on the proxy now)</source>
        <translation>Deren Version (jetzt auf dem Proxy)</translation>
    </message>
    <message>
        <source>Yours (loaded version plus your edits)</source>
        <translation>Ihre Version (geladene Version plus Ihre Änderungen)</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Deren Version übernehmen</translation>
    </message>
    <message>
        <source>Load their version and discard your edits.</source>
        <translation>Deren Version laden und Ihre Änderungen verwerfen.</translation>
    </message>
    <message>
        <source>Re-apply my edits on theirs</source>
        <translation>Meine Änderungen auf deren Version anwenden</translation>
    </message>
    <message>
        <source>Replay your edits on top of their version; review and push again afterwards.</source>
        <translation>Ihre Änderungen auf deren Version erneut anwenden; danach prüfen und erneut übertragen.</translation>
    </message>
    <message>
        <source>Keep your document as it is and push nothing.</source>
        <translation>Ihr Dokument so lassen, wie es ist, und nichts übertragen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Someone pushed to %1 after you loaded revision %2; it is now at revision %3. Nothing was overwritten.</source>
        <translation>Jemand hat an %1 übertragen, nachdem Sie Revision %2 geladen haben; jetzt ist Revision %3 aktuell. Nichts wurde überschrieben.</translation>
    </message>
    <message>
        <source>Their changes: %1
Your edits: %2</source>
        <translation>Deren Änderungen: %1
Ihre Änderungen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) could not be re-applied on their version and were dropped:</source>
        <translation>
            <numerusform>%n Änderung ließ sich auf deren Version nicht erneut anwenden und wurde verworfen:</numerusform>
            <numerusform>%n Änderungen ließen sich auf deren Version nicht erneut anwenden und wurden verworfen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The result has %n validation problem(s); fix them before pushing again.</source>
        <translation>
            <numerusform>Das Ergebnis hat %n Validierungsproblem; beheben Sie es vor der nächsten Übertragung.</numerusform>
            <numerusform>Das Ergebnis hat %n Validierungsprobleme; beheben Sie sie vor der nächsten Übertragung.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your edits were re-applied.</source>
        <translation>Ihre Änderungen wurden erneut angewendet.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::CredentialsModel</name>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::CredentialsPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Set credential…</source>
        <translation>Zugangsdaten &amp;festlegen…</translation>
    </message>
    <message>
        <source>Create a credential, or replace the user name and password of the selected one</source>
        <translation>Zugangsdaten anlegen oder Benutzername und Passwort der gewählten ersetzen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Set credential</source>
        <translation>Zugangsdaten festlegen</translation>
    </message>
    <message>
        <source>letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>Buchstaben, Ziffern, „.“, „_“ oder „-“</translation>
    </message>
    <message>
        <source>write-only: the proxy never shows it again</source>
        <translation>nur schreibbar: Der Proxy zeigt es nie wieder an</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Could not list the credentials: %1</source>
        <translation>Die Zugangsdaten konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>The name &quot;%1&quot; is not a credential name: use 1 to %2 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>„%1“ ist kein Name für Zugangsdaten: 1 bis %2 Buchstaben, Ziffern, „.“, „_“ oder „-“ verwenden.</translation>
    </message>
    <message>
        <source>The credential &quot;%1&quot; needs a user name.</source>
        <translation>Die Zugangsdaten „%1“ brauchen einen Benutzernamen.</translation>
    </message>
    <message>
        <source>Could not save the credential &quot;%1&quot;: %2</source>
        <translation>Die Zugangsdaten „%1“ konnten nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved the credential &quot;%1&quot;.</source>
        <translation>Zugangsdaten „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Delete credential</source>
        <translation>Zugangsdaten löschen</translation>
    </message>
    <message>
        <source>Delete the credential &quot;%1&quot; from the proxy? Its password cannot be shown again, only set anew.</source>
        <translation>Die Zugangsdaten „%1“ vom Proxy löschen? Das Passwort lässt sich nicht mehr anzeigen, nur neu setzen.</translation>
    </message>
    <message>
        <source>Could not delete the credential &quot;%1&quot;: %2</source>
        <translation>Die Zugangsdaten „%1“ konnten nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted the credential &quot;%1&quot;.</source>
        <translation>Zugangsdaten „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>The proxy refused to delete the credential &quot;%1&quot;: %2</source>
        <translation>Der Proxy hat das Löschen der Zugangsdaten „%1“ abgelehnt: %2</translation>
    </message>
    <message>
        <source>namespace &quot;%1&quot; (upstream %2)</source>
        <translation>Namespace „%1“ (Upstream %2)</translation>
    </message>
    <message>
        <source>Used by: %1. Remove it there and push first.</source>
        <translation>Verwendet von: %1. Dort zuerst entfernen und übertragen.</translation>
    </message>
    <message>
        <source>Stored credentials</source>
        <translation>Gespeicherte Zugangsdaten</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::DigestServersModel</name>
    <message>
        <source>Served from the proxy&apos;s cache, without contacting an upstream</source>
        <translation>Aus dem Cache des Proxys ausgeliefert, ohne einen Upstream zu kontaktieren</translation>
    </message>
    <message>
        <source>(cache)</source>
        <translation>(Cache)</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>Ausgeliefert von</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Erste</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Letzte</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::EditCommand</name>
    <message>
        <source>Revert: %1</source>
        <translation>Rückgängig: %1</translation>
    </message>
    <message>
        <source>namespace %1 no longer exists</source>
        <translation>Namespace %1 gibt es nicht mehr</translation>
    </message>
    <message>
        <source>Add namespace %1</source>
        <translation>Namespace %1 hinzufügen</translation>
    </message>
    <message>
        <source>namespace %1 already exists</source>
        <translation>Namespace %1 gibt es bereits</translation>
    </message>
    <message>
        <source>Remove namespace %1</source>
        <translation>Namespace %1 entfernen</translation>
    </message>
    <message>
        <source>Rename namespace %1 to %2</source>
        <translation>Namespace %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>a namespace needs a name</source>
        <translation>Ein Namespace braucht einen Namen</translation>
    </message>
    <message>
        <source>Set default namespace to %1</source>
        <translation>Standard-Namespace auf %1 setzen</translation>
    </message>
    <message>
        <source>Clear default namespace</source>
        <translation>Standard-Namespace entfernen</translation>
    </message>
    <message>
        <source>upstream %1 of %2 no longer exists</source>
        <translation>Upstream %1 von %2 gibt es nicht mehr</translation>
    </message>
    <message>
        <source>Add upstream to %1</source>
        <translation>Upstream zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove upstream %1 of %2</source>
        <translation>Upstream %1 von %2 entfernen</translation>
    </message>
    <message>
        <source>Move upstream %1 of %2 up</source>
        <translation>Upstream %1 von %2 nach oben verschieben</translation>
    </message>
    <message>
        <source>Move upstream %1 of %2 down</source>
        <translation>Upstream %1 von %2 nach unten verschieben</translation>
    </message>
    <message>
        <source>Move upstream %1 of %2 to position %3</source>
        <translation>Upstream %1 von %2 an Position %3 verschieben</translation>
    </message>
    <message>
        <source>Change aliases of %1</source>
        <translation>Aliasse von %1 ändern</translation>
    </message>
    <message>
        <source>Change allowed repositories of %1</source>
        <translation>Erlaubte Repositories von %1 ändern</translation>
    </message>
    <message>
        <source>Change denied repositories of %1</source>
        <translation>Verbotene Repositories von %1 ändern</translation>
    </message>
    <message>
        <source>Change tag policy of %1</source>
        <translation>Tag-Richtlinie von %1 ändern</translation>
    </message>
    <message>
        <source>Change tag TTL of %1</source>
        <translation>Tag-TTL von %1 ändern</translation>
    </message>
    <message>
        <source>Change serve-stale of %1</source>
        <translation>Veraltetes-Ausliefern von %1 ändern</translation>
    </message>
    <message>
        <source>Change missing-namespace handling of %1</source>
        <translation>Umgang mit fehlendem Namespace von %1 ändern</translation>
    </message>
    <message>
        <source>Change upstream URL of %1</source>
        <translation>Upstream-URL von %1 ändern</translation>
    </message>
    <message>
        <source>Change upstream credential of %1</source>
        <translation>Upstream-Zugangsdaten von %1 ändern</translation>
    </message>
    <message>
        <source>Change upstream CA of %1</source>
        <translation>Upstream-CA von %1 ändern</translation>
    </message>
    <message>
        <source>Change upstream TLS verification of %1</source>
        <translation>TLS-Prüfung des Upstreams von %1 ändern</translation>
    </message>
    <message>
        <source>Change upstream ns forwarding of %1</source>
        <translation>ns-Weitergabe des Upstreams von %1 ändern</translation>
    </message>
    <message>
        <source>Change upstream repository prefix of %1</source>
        <translation>Repository-Präfix des Upstreams von %1 ändern</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::EditorDocument</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ExportPage</name>
    <message>
        <source>containerd hosts.toml (certs.d tree)</source>
        <translation>containerd hosts.toml (certs.d-Baum)</translation>
    </message>
    <message>
        <source>containers registries.conf (podman, skopeo, CRI-O)</source>
        <translation>containers registries.conf (podman, skopeo, CRI-O)</translation>
    </message>
    <message>
        <source>k3s / rke2 registries.yaml</source>
        <translation>k3s / rke2 registries.yaml</translation>
    </message>
    <message>
        <source>Docker daemon.json (Docker Hub only)</source>
        <translation>Docker daemon.json (nur Docker Hub)</translation>
    </message>
    <message>
        <source>http://mirror.lan:5000</source>
        <translation>http://mirror.lan:5000</translation>
    </message>
    <message>
        <source>The proxy&apos;s registry URL as the nodes reach it</source>
        <translation>Die Registry-URL des Proxys, wie die Knoten ihn erreichen</translation>
    </message>
    <message>
        <source>1.6 (_default needs 1.6.17)</source>
        <translation>1.6 (_default braucht 1.6.17)</translation>
    </message>
    <message>
        <source>1.7</source>
        <translation>1.7</translation>
    </message>
    <message>
        <source>2.0</source>
        <translation>2.0</translation>
    </message>
    <message>
        <source>2.1 or later (dial_timeout)</source>
        <translation>2.1 oder neuer (dial_timeout)</translation>
    </message>
    <message>
        <source>the registry itself (origin)</source>
        <translation>die Registry selbst (Ursprung)</translation>
    </message>
    <message>
        <source>the namespace&apos;s first upstream</source>
        <translation>der erste Upstream des Namespace</translation>
    </message>
    <message>
        <source>none: failures stay failures</source>
        <translation>keiner: Fehler bleiben Fehler</translation>
    </message>
    <message>
        <source>Where containerd pulls from when the proxy fails or answers 404</source>
        <translation>Woher containerd zieht, wenn der Proxy ausfällt oder 404 antwortet</translation>
    </message>
    <message>
        <source>e.g. /etc/ssl/nsgate-ca.pem (a path on the nodes)</source>
        <translation>z. B. /etc/ssl/nsgate-ca.pem (ein Pfad auf den Knoten)</translation>
    </message>
    <message>
        <source>Do not verify the proxy&apos;s TLS certificate</source>
        <translation>TLS-Zertifikat des Proxys nicht prüfen</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Proxy URL:</source>
        <translation>&amp;Proxy-URL:</translation>
    </message>
    <message>
        <source>&amp;containerd version:</source>
        <translation>&amp;containerd-Version:</translation>
    </message>
    <message>
        <source>Fall&amp;back:</source>
        <translation>&amp;Rückfall:</translation>
    </message>
    <message>
        <source>CA &amp;file on nodes:</source>
        <translation>CA-&amp;Datei auf den Knoten:</translation>
    </message>
    <message>
        <source>&amp;Save to folder…</source>
        <translation>In Ordner &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Import hosts.toml tree…</source>
        <translation>hosts.toml-Baum &amp;importieren…</translation>
    </message>
    <message>
        <source>Read an existing containerd certs.d directory into a draft map for the editor</source>
        <translation>Ein vorhandenes containerd-certs.d-Verzeichnis als Entwurf für den Editor einlesen</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Warnungen:</translation>
    </message>
    <message>
        <source>Add the &quot;*&quot; mirror: every other registry through the proxy too</source>
        <translation>Den Mirror „*“ hinzufügen: auch jede andere Registry über den Proxy</translation>
    </message>
    <message>
        <source>Write _default/hosts.toml: every other registry through the proxy too</source>
        <translation>_default/hosts.toml schreiben: auch jede andere Registry über den Proxy</translation>
    </message>
    <message>
        <source>registries.conf marks the proxy insecure: set for plain HTTP anyway</source>
        <translation>registries.conf markiert den Proxy als unsicher: bei reinem HTTP ohnehin gesetzt</translation>
    </message>
    <message>
        <source>Enter the proxy&apos;s registry URL as the nodes reach it.</source>
        <translation>Die Registry-URL des Proxys eingeben, wie die Knoten ihn erreichen.</translation>
    </message>
    <message>
        <source>The map does not validate: fix it in the editor before saving the export.</source>
        <translation>Die Zuordnung ist nicht gültig: Vor dem Speichern des Exports im Editor beheben.</translation>
    </message>
    <message>
        <source>Save export to folder</source>
        <translation>Export in Ordner speichern</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>Nichts zu speichern.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Overwrite files</source>
        <translation>Dateien überschreiben</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in %1 already exist and will be replaced:</source>
        <translation>
            <numerusform>%n Datei in %1 existiert bereits und wird ersetzt:</numerusform>
            <numerusform>%n Dateien in %1 existieren bereits und werden ersetzt:</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Nichts wurde geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n file(s): %1</source>
        <translation>
            <numerusform>Nach %n Datei angehalten: %1</numerusform>
            <numerusform>Nach %n Dateien angehalten: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation>
            <numerusform>%n Datei nach %1 geschrieben.</numerusform>
            <numerusform>%n Dateien nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a containerd certs.d directory</source>
        <translation>Ein containerd-certs.d-Verzeichnis importieren</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>Import abgebrochen.</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n namespace(s) from %1 into a draft.</source>
        <translation>
            <numerusform>%n Namespace aus %1 in einen Entwurf importiert.</numerusform>
            <numerusform>%n Namespaces aus %1 in einen Entwurf importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n namespace(s) from %1 into a draft; not mapped:</source>
        <translation>
            <numerusform>%n Namespace aus %1 in einen Entwurf importiert; nicht zugeordnet:</numerusform>
            <numerusform>%n Namespaces aus %1 in einen Entwurf importiert; nicht zugeordnet:</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot read &quot;%1&quot;</source>
        <translation>„%1“ kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>registries.conf needs the proxy at the root of its host: proxyUrl &quot;%1&quot; has the path &quot;%2&quot;</source>
        <translation>registries.conf braucht den Proxy an der Wurzel seines Hosts: proxyUrl „%1“ hat den Pfad „%2“</translation>
    </message>
    <message>
        <source>Files to write</source>
        <translation>Zu schreibende Dateien</translation>
    </message>
    <message>
        <source>Content of the selected file</source>
        <translation>Inhalt der gewählten Datei</translation>
    </message>
    <message>
        <source>Export warnings</source>
        <translation>Warnungen des Exports</translation>
    </message>
    <message>
        <source>Entries that could not be mapped</source>
        <translation>Einträge, die sich nicht zuordnen ließen</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::HistoryPage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Roll back to this revision…</source>
        <translation>Auf diese Revision zurücksetzen…</translation>
    </message>
    <message>
        <source>Load the selected revision into the editor; it is pushed as a new revision after the usual review.</source>
        <translation>Die gewählte Revision in den Editor laden; sie wird nach der üblichen Prüfung als neue Revision übertragen.</translation>
    </message>
    <message>
        <source>Select a revision to see what it changed, or two to compare them.</source>
        <translation>Eine Revision wählen, um ihre Änderungen zu sehen, oder zwei, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>No proxy selected.</source>
        <translation>Kein Proxy ausgewählt.</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Verlauf wird geladen…</translation>
    </message>
    <message>
        <source>Could not load the history: %1</source>
        <translation>Der Verlauf konnte nicht geladen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n Revision</numerusform>
            <numerusform>%n Revisionen</numerusform>
        </translation>
    </message>
    <message>
        <source>Select one or two revisions to see a diff.</source>
        <translation>Eine oder zwei Revisionen wählen, um einen Diff zu sehen.</translation>
    </message>
    <message>
        <source>Loading revisions %1 and %2…</source>
        <translation>Revisionen %1 und %2 werden geladen…</translation>
    </message>
    <message>
        <source>Could not load revision %1: %2</source>
        <translation>Revision %1 konnte nicht geladen werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Revision %1 → %2: %3 (%n changed line(s))</source>
        <translation>
            <numerusform>Revision %1 → %2: %3 (%n geänderte Zeile)</numerusform>
            <numerusform>Revision %1 → %2: %3 (%n geänderte Zeilen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Revision %1: the first stored document</source>
        <translation>Revision %1: das erste gespeicherte Dokument</translation>
    </message>
    <message>
        <source>Config revisions</source>
        <translation>Konfigurationsrevisionen</translation>
    </message>
    <message>
        <source>Changes of the selected revisions</source>
        <translation>Änderungen der gewählten Revisionen</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <source>The language changes when the console next starts.</source>
        <translation>Die Sprache wechselt beim nächsten Start der Konsole.</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::LiveChart</name>
    <message>
        <source>Hits</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <source>Mismatches</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <source>Chart range</source>
        <translation>Zeitraum des Diagramms</translation>
    </message>
    <message>
        <source>Last hour (per minute)</source>
        <translation>Letzte Stunde (pro Minute)</translation>
    </message>
    <message>
        <source>Last day (per 5 min)</source>
        <translation>Letzter Tag (pro 5 Min.)</translation>
    </message>
    <message>
        <source>Last week (per hour)</source>
        <translation>Letzte Woche (pro Stunde)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Drag across the chart to zoom into a stretch of time</source>
        <translation>Über das Diagramm ziehen, um in einen Zeitabschnitt zu zoomen</translation>
    </message>
    <message>
        <source>Per minute, last hour</source>
        <translation>Pro Minute, letzte Stunde</translation>
    </message>
    <message>
        <source>Per 5 minutes, last day</source>
        <translation>Pro 5 Minuten, letzter Tag</translation>
    </message>
    <message>
        <source>Per hour, last week</source>
        <translation>Pro Stunde, letzte Woche</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::LivePage</name>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Hit ratio</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <source>No ns given</source>
        <translation>Kein ns angegeben</translation>
    </message>
    <message>
        <source>Unmapped ns</source>
        <translation>ns nicht zugeordnet</translation>
    </message>
    <message>
        <source>Conflicting ns</source>
        <translation>ns widersprüchlich</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Verboten</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Ausgeliefert</translation>
    </message>
    <message>
        <source>Fetched upstream</source>
        <translation>Vom Upstream geholt</translation>
    </message>
    <message>
        <source>Whole fleet</source>
        <translation>Gesamte Flotte</translation>
    </message>
    <message>
        <source>This proxy</source>
        <translation>Dieser Proxy</translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation>Letzte 5 Min.</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 h</source>
        <translation>Letzte 24 Std.</translation>
    </message>
    <message>
        <source>Filter the tail (any column)</source>
        <translation>Live-Ansicht filtern (jede Spalte)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop adding events to the tail (they are still stored and counted)</source>
        <translation>Keine Ereignisse mehr zur Live-Ansicht hinzufügen (sie werden weiter gespeichert und gezählt)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Live tail&lt;/b&gt;</source>
        <translation>&lt;b&gt;Live-Ansicht&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top&lt;/b&gt;</source>
        <translation>&lt;b&gt;Top&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>Namespaces</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>Repositories</translation>
    </message>
    <message>
        <source>Mismatch sources</source>
        <translation>Abweichungsquellen</translation>
    </message>
    <message>
        <source>Sync: %1</source>
        <translation>Synchronisation: %1</translation>
    </message>
    <message>
        <source>Namespaces for this proxy; repositories and mismatch sources for the whole fleet</source>
        <translation>Namespaces für diesen Proxy; Repositories und Abweichungsquellen für die gesamte Flotte</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>Live tail</source>
        <translation>Live-Ansicht</translation>
    </message>
    <message>
        <source>Filter the live tail</source>
        <translation>Live-Ansicht filtern</translation>
    </message>
    <message>
        <source>Time window of the top lists</source>
        <translation>Zeitfenster der Top-Listen</translation>
    </message>
    <message>
        <source>Top %1</source>
        <translation>Top %1</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::LiveTailModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::LogStoreSettingsDialog</name>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>Local event log</source>
        <translation>Lokales Ereignisprotokoll</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>(no local store)</source>
        <translation>(kein lokaler Speicher)</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>Events stored:</source>
        <translation>Gespeicherte Ereignisse:</translation>
    </message>
    <message>
        <source>Last pruning:</source>
        <translation>Letzte Bereinigung:</translation>
    </message>
    <message>
        <source>Keep events for:</source>
        <translation>Ereignisse behalten für:</translation>
    </message>
    <message>
        <source>Keep at most:</source>
        <translation>Höchstens behalten:</translation>
    </message>
    <message>
        <source>Keep per-minute counts for:</source>
        <translation>Minutenzähler behalten für:</translation>
    </message>
    <message>
        <source>The dashboard&apos;s counters and chart come from the per-minute counts, so they reach further back than the events. Older data is deleted on a background thread a little at a time.</source>
        <translation>Die Zähler und das Diagramm der Übersicht stammen aus den Minutenzählern und reichen daher weiter zurück als die Ereignisse. Ältere Daten werden in einem Hintergrund-Thread nach und nach gelöscht.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) deleted</source>
        <translation>
            <numerusform>%n Ereignis gelöscht</numerusform>
            <numerusform>%n Ereignisse gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <source>unknown (the store is not open)</source>
        <translation>unbekannt (der Speicher ist nicht geöffnet)</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::MainWindow</name>
    <message>
        <source>&amp;Add Proxy…</source>
        <translation>Proxy &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Start a &amp;Local nsgate</source>
        <translation>&amp;Lokales nsgate starten</translation>
    </message>
    <message>
        <source>&amp;Edit Proxy…</source>
        <translation>Proxy &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove Proxy</source>
        <translation>Proxy &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Re&amp;load Config</source>
        <translation>Konfiguration &amp;neu laden</translation>
    </message>
    <message>
        <source>Review &amp;&amp; &amp;Push…</source>
        <translation>Prüfen &amp;&amp; &amp;übertragen…</translation>
    </message>
    <message>
        <source>nsgate console[*]</source>
        <translation>nsgate console[*]</translation>
    </message>
    <message>
        <source>Proxies</source>
        <translation>Proxys</translation>
    </message>
    <message>
        <source>&amp;Namespaces</source>
        <translation>&amp;Namespaces</translation>
    </message>
    <message>
        <source>&amp;Credentials</source>
        <translation>&amp;Zugangsdaten</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>P&amp;robe</source>
        <translation>&amp;Prüfung</translation>
    </message>
    <message>
        <source>L&amp;ive</source>
        <translation>L&amp;ive</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <source>The local event log cannot be opened: %1</source>
        <translation>Das lokale Ereignisprotokoll kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Roll back to revision %1</source>
        <translation>Auf Revision %1 zurücksetzen</translation>
    </message>
    <message>
        <source>Import hosts.toml tree</source>
        <translation>hosts.toml-Baum importieren</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n namespace(s) as a draft.</source>
        <translation>
            <numerusform>%n Namespace als Entwurf importiert.</numerusform>
            <numerusform>%n Namespaces als Entwurf importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported a draft; %n entr(ies) could not be mapped (listed on the Export page).</source>
        <translation>
            <numerusform>Entwurf importiert; %n Eintrag ließ sich nicht zuordnen (auf der Seite „Export“ aufgeführt).</numerusform>
            <numerusform>Entwurf importiert; %n Einträge ließen sich nicht zuordnen (auf der Seite „Export“ aufgeführt).</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Proxy</source>
        <translation>&amp;Proxy</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About nsgate console</source>
        <translation>Ü&amp;ber nsgate console</translation>
    </message>
    <message>
        <source>About nsgate console</source>
        <translation>Über nsgate console</translation>
    </message>
    <message>
        <source>&lt;b&gt;nsgate console %1&lt;/b&gt;&lt;p&gt;Namespace maps, trust policies and client configuration for nsgate, the namespace-aware pull-through cache for OCI registries.&lt;/p&gt;</source>
        <translation>&lt;b&gt;nsgate console %1&lt;/b&gt;&lt;p&gt;Namespace-Zuordnungen, Vertrauensrichtlinien und Client-Konfiguration für nsgate, den Namespace-bewussten Pull-Through-Cache für OCI-Registries.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot store the proxy: %1</source>
        <translation>Der Proxy kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The token could not be stored: %1</source>
        <translation>Das Token konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Add Proxy</source>
        <translation>Proxy hinzufügen</translation>
    </message>
    <message>
        <source>Edit Proxy</source>
        <translation>Proxy bearbeiten</translation>
    </message>
    <message>
        <source>No nsgate program was found next to the console or on PATH.</source>
        <translation>Weder neben der Konsole noch im PATH wurde ein nsgate-Programm gefunden.</translation>
    </message>
    <message>
        <source>The local nsgate stopped: %1</source>
        <translation>Das lokale nsgate wurde beendet: %1</translation>
    </message>
    <message>
        <source>Starting a local nsgate…</source>
        <translation>Lokales nsgate wird gestartet…</translation>
    </message>
    <message>
        <source>Local nsgate</source>
        <translation>Lokales nsgate</translation>
    </message>
    <message>
        <source>Local nsgate serves registry clients at %1.</source>
        <translation>Das lokale nsgate bedient Registry-Clients unter %1.</translation>
    </message>
    <message>
        <source>%1: %2 %3, instance %4</source>
        <translation>%1: %2 %3, Instanz %4</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird gefragt…</translation>
    </message>
    <message>
        <source>Reload Config</source>
        <translation>Konfiguration neu laden</translation>
    </message>
    <message>
        <source>Reloading drops your edits to %1 that were not pushed.</source>
        <translation>Neu laden verwirft Ihre nicht übertragenen Änderungen an %1.</translation>
    </message>
    <message>
        <source>The proxy&apos;s config is not loaded yet.</source>
        <translation>Die Konfiguration des Proxys ist noch nicht geladen.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>„%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 — nsgate console[*]</source>
        <translation>%1 — nsgate console[*]</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Editing revision %1</source>
        <translation>Bearbeitung von Revision %1</translation>
    </message>
    <message>
        <source> (proxy is at %1)</source>
        <translation> (Proxy ist bei %1)</translation>
    </message>
    <message>
        <source>, modified</source>
        <translation>, geändert</translation>
    </message>
    <message>
        <source>No keyring is available (%1). Admin tokens are kept in memory for this session only and must be entered again after a restart.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Admin-Tokens werden nur für diese Sitzung im Speicher gehalten und müssen nach einem Neustart erneut eingegeben werden.</translation>
    </message>
    <message>
        <source>Store tokens in a file…</source>
        <translation>Tokens in einer Datei speichern…</translation>
    </message>
    <message>
        <source>Store tokens in a file</source>
        <translation>Tokens in einer Datei speichern</translation>
    </message>
    <message>
        <source>Admin tokens will be written in plain text to files only your user can read. Anyone with access to your account can then change your proxies.</source>
        <translation>Admin-Tokens werden im Klartext in Dateien geschrieben, die nur Ihr Benutzer lesen kann. Wer Zugriff auf Ihr Konto hat, kann dann Ihre Proxys ändern.</translation>
    </message>
    <message>
        <source>TLS verification is off for %1: anyone on the network path can read its admin token and change its config.</source>
        <translation>Die TLS-Prüfung ist für %1 abgeschaltet: Jeder auf dem Netzwerkpfad kann sein Admin-Token lesen und seine Konfiguration ändern.</translation>
    </message>
    <message>
        <source>Edit Proxy…</source>
        <translation>Proxy bearbeiten…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Edits to %1 were not pushed and will be lost.</source>
        <translation>Änderungen an %1 wurden nicht übertragen und gehen verloren.</translation>
    </message>
    <message>
        <source>Local &amp;Event Log…</source>
        <translation>Lokales &amp;Ereignisprotokoll…</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::MapEditorPage</name>
    <message>
        <source>Namespaces</source>
        <translation>Namespaces</translation>
    </message>
    <message>
        <source>&amp;Add namespace</source>
        <translation>Namespace &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add a namespace (a registry clients name with ns)</source>
        <translation>Einen Namespace hinzufügen (eine Registry, die Clients mit ns nennen)</translation>
    </message>
    <message>
        <source>&amp;Remove namespace</source>
        <translation>Namespace &amp;entfernen</translation>
    </message>
    <message>
        <source>Remove the selected namespace (undoable)</source>
        <translation>Den gewählten Namespace entfernen (rückgängig zu machen)</translation>
    </message>
    <message>
        <source>Filter namespaces</source>
        <translation>Namespaces filtern</translation>
    </message>
    <message>
        <source>Default namespace:</source>
        <translation>Standard-Namespace:</translation>
    </message>
    <message>
        <source>The namespace assumed for requests without ns (docker, skopeo)</source>
        <translation>Der Namespace für Anfragen ohne ns (docker, skopeo)</translation>
    </message>
    <message>
        <source>No namespaces yet. A namespace maps a registry name that clients use (docker.io, ghcr.io, …) to the upstreams nsgate pulls it from.</source>
        <translation>Noch keine Namespaces. Ein Namespace ordnet einen Registry-Namen, den Clients verwenden (docker.io, ghcr.io, …), den Upstreams zu, von denen nsgate ihn holt.</translation>
    </message>
    <message>
        <source>Add namespace</source>
        <translation>Namespace hinzufügen</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::NamespaceEditor</name>
    <message>
        <source>Select a namespace to edit its upstreams and policy.</source>
        <translation>Einen Namespace wählen, um seine Upstreams und seine Richtlinie zu bearbeiten.</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>The registry host as clients write it in image references</source>
        <translation>Der Registry-Host, wie Clients ihn in Image-Referenzen schreiben</translation>
    </message>
    <message>
        <source>Other spellings, one per line</source>
        <translation>Andere Schreibweisen, eine pro Zeile</translation>
    </message>
    <message>
        <source>Other spellings of the same registry, one per line</source>
        <translation>Andere Schreibweisen derselben Registry, eine pro Zeile</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Aliases:</source>
        <translation>&amp;Aliasse:</translation>
    </message>
    <message>
        <source>Upstreams (tried in order)</source>
        <translation>Upstreams (der Reihe nach gefragt)</translation>
    </message>
    <message>
        <source>Trust policy</source>
        <translation>Vertrauensrichtlinie</translation>
    </message>
    <message>
        <source>library/** — empty allows every repository</source>
        <translation>library/** — leer erlaubt jedes Repository</translation>
    </message>
    <message>
        <source>Repository globs, one per line (* = one segment, ** = any)</source>
        <translation>Repository-Globs, einer pro Zeile (* = ein Segment, ** = beliebig viele)</translation>
    </message>
    <message>
        <source>One glob per line; deny wins over allow</source>
        <translation>Ein Glob pro Zeile; Verbieten hat Vorrang vor Erlauben</translation>
    </message>
    <message>
        <source>Repository globs refused even when allowed, one per line</source>
        <translation>Repository-Globs, die auch dann abgewiesen werden, wenn sie erlaubt sind, einer pro Zeile</translation>
    </message>
    <message>
        <source>primary: only the first upstream resolves tags</source>
        <translation>primary: nur der erste Upstream löst Tags auf</translation>
    </message>
    <message>
        <source>any: upstreams resolve tags in order</source>
        <translation>any: die Upstreams lösen Tags der Reihe nach auf</translation>
    </message>
    <message>
        <source>digest-only: tag requests are refused</source>
        <translation>digest-only: Tag-Anfragen werden abgewiesen</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How long a cached tag is served without asking upstream (0 = always ask)</source>
        <translation>Wie lange ein zwischengespeicherter Tag ausgeliefert wird, ohne den Upstream zu fragen (0 = immer fragen)</translation>
    </message>
    <message>
        <source>Serve the last known tag when every upstream fails</source>
        <translation>Den zuletzt bekannten Tag ausliefern, wenn jeder Upstream versagt</translation>
    </message>
    <message>
        <source>reject requests without ns</source>
        <translation>Anfragen ohne ns abweisen</translation>
    </message>
    <message>
        <source>serve them from this namespace</source>
        <translation>aus diesem Namespace ausliefern</translation>
    </message>
    <message>
        <source>Only used when this is the default namespace</source>
        <translation>Nur verwendet, wenn dies der Standard-Namespace ist</translation>
    </message>
    <message>
        <source>A&amp;llow:</source>
        <translation>&amp;Erlauben:</translation>
    </message>
    <message>
        <source>&amp;Deny:</source>
        <translation>&amp;Verbieten:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <source>Tag TT&amp;L:</source>
        <translation>Tag-TT&amp;L:</translation>
    </message>
    <message>
        <source>&amp;Missing ns:</source>
        <translation>&amp;Fehlendes ns:</translation>
    </message>
    <message>
        <source>Serve stale tags</source>
        <translation>Veraltete Tags ausliefern</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::NamespacesModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliasse</translation>
    </message>
    <message>
        <source>Upstreams</source>
        <translation>Upstreams</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Tag TTL</source>
        <translation>Tag-TTL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ProbePage</name>
    <message>
        <source>honours ns</source>
        <translation>beachtet ns</translation>
    </message>
    <message>
        <source>does not honour ns: it ignores it and mixes registries</source>
        <translation>beachtet ns nicht: ignoriert es und vermischt Registries</translation>
    </message>
    <message>
        <source>does not say whether it honours ns</source>
        <translation>sagt nicht, ob er ns beachtet</translation>
    </message>
    <message>
        <source>does not honour ns: it answered for another namespace</source>
        <translation>beachtet ns nicht: hat für einen anderen Namespace geantwortet</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>e.g. docker.io/library/alpine:3.20 or ghcr.io/org/app@sha256:…</source>
        <translation>z. B. docker.io/library/alpine:3.20 oder ghcr.io/org/app@sha256:…</translation>
    </message>
    <message>
        <source>http://mirror.lan:5000</source>
        <translation>http://mirror.lan:5000</translation>
    </message>
    <message>
        <source>The mirror to ask: this proxy by default, or any other mirror to check whether it honours ns</source>
        <translation>Der zu fragende Mirror: standardmäßig dieser Proxy, oder jeder andere Mirror, um zu prüfen, ob er ns beachtet</translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Image reference:</source>
        <translation>&amp;Image-Referenz:</translation>
    </message>
    <message>
        <source>&amp;Mirror URL:</source>
        <translation>&amp;Mirror-URL:</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Digest:</source>
        <translation>Digest:</translation>
    </message>
    <message>
        <source>Media type:</source>
        <translation>Medientyp:</translation>
    </message>
    <message>
        <source>OCI-Namespace:</source>
        <translation>OCI-Namespace:</translation>
    </message>
    <message>
        <source>ns conformance:</source>
        <translation>ns-Konformität:</translation>
    </message>
    <message>
        <source>Served by upstream:</source>
        <translation>Ausgeliefert von Upstream:</translation>
    </message>
    <message>
        <source>Same as the origin:</source>
        <translation>Gleich wie der Ursprung:</translation>
    </message>
    <message>
        <source>The mirror URL &quot;%1&quot; is not an http:// or https:// URL.</source>
        <translation>Die Mirror-URL „%1“ ist keine http://- oder https://-URL.</translation>
    </message>
    <message>
        <source>probing…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>unknown: the event log could not be read (%1)</source>
        <translation>unbekannt: Das Ereignisprotokoll konnte nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>looking up the proxy&apos;s event…</source>
        <translation>Ereignis des Proxys wird nachgeschlagen…</translation>
    </message>
    <message>
        <source>only known for this proxy&apos;s registry URL</source>
        <translation>nur für die Registry-URL dieses Proxys bekannt</translation>
    </message>
    <message>
        <source>no answer: %1</source>
        <translation>keine Antwort: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>unknown: the proxy is no longer selected</source>
        <translation>unbekannt: Der Proxy ist nicht mehr ausgewählt</translation>
    </message>
    <message>
        <source>%1 (cache %2)</source>
        <translation>%1 (Cache %2)</translation>
    </message>
    <message>
        <source>served from the proxy&apos;s cache (%1)</source>
        <translation>aus dem Cache des Proxys ausgeliefert (%1)</translation>
    </message>
    <message>
        <source>unknown: the proxy logged no event for this request</source>
        <translation>unbekannt: Der Proxy hat für diese Anfrage kein Ereignis protokolliert</translation>
    </message>
    <message>
        <source>asking %1…</source>
        <translation>%1 wird gefragt…</translation>
    </message>
    <message>
        <source>not compared: %1 did not answer (%2)</source>
        <translation>nicht verglichen: %1 hat nicht geantwortet (%2)</translation>
    </message>
    <message>
        <source>not compared: %1 answered %2 without a digest</source>
        <translation>nicht verglichen: %1 hat %2 ohne Digest geantwortet</translation>
    </message>
    <message>
        <source>yes: %1 resolves to the same digest</source>
        <translation>ja: %1 ergibt denselben Digest</translation>
    </message>
    <message>
        <source>NO: %1 resolves to %2</source>
        <translation>NEIN: %1 ergibt %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ProfileDialog</name>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>e.g. Build cluster mirror</source>
        <translation>z. B. Mirror des Build-Clusters</translation>
    </message>
    <message>
        <source>System trust store</source>
        <translation>Systemweite Zertifikate</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose CA file</source>
        <translation>CA-Datei wählen</translation>
    </message>
    <message>
        <source>CA certificate (PEM)</source>
        <translation>CA-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>Don&apos;t verify the admin listener&apos;s TLS certificate</source>
        <translation>Das TLS-Zertifikat des Admin-Listeners nicht prüfen</translation>
    </message>
    <message>
        <source>⚠ Anyone on the path can read the admin token and change this proxy&apos;s config.</source>
        <translation>⚠ Jeder auf dem Pfad kann das Admin-Token lesen und die Konfiguration dieses Proxys ändern.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Admin URL:</source>
        <translation>&amp;Admin-URL:</translation>
    </message>
    <message>
        <source>&amp;Registry URL:</source>
        <translation>&amp;Registry-URL:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>Admin &amp;token:</source>
        <translation>Admin-&amp;Token:</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>not stored yet</source>
        <translation>noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Name is empty.</source>
        <translation>Der Name ist leer.</translation>
    </message>
    <message>
        <source>Admin URL</source>
        <translation>Admin-URL</translation>
    </message>
    <message>
        <source>Registry URL</source>
        <translation>Registry-URL</translation>
    </message>
    <message>
        <source>Admin token is empty (nsgate writes it to DATA_DIR/admin-token).</source>
        <translation>Das Admin-Token ist leer (nsgate schreibt es nach DATA_DIR/admin-token).</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird gefragt…</translation>
    </message>
    <message>
        <source>The proxy answers (health ok); enter the token to check it too.</source>
        <translation>Der Proxy antwortet (health ok); das Token eingeben, um es ebenfalls zu prüfen.</translation>
    </message>
    <message>
        <source>%1 %2, instance %3, config revision %4</source>
        <translation>%1 %2, Instanz %3, Konfigurationsrevision %4</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ProxyListModel</name>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindet…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lädt…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>Admin: %1</source>
        <translation>Admin: %1</translation>
    </message>
    <message>
        <source>Registry: %1</source>
        <translation>Registry: %1</translation>
    </message>
    <message>
        <source>Has edits that were not pushed</source>
        <translation>Hat nicht übertragene Änderungen</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Admin URL</source>
        <translation>Admin-URL</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>catching up</source>
        <translation>holt auf</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>neuer Versuch</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::PushController</name>
    <message>
        <source>waiting for the proxy…</source>
        <translation>warte auf den Proxy…</translation>
    </message>
    <message>
        <source>valid, no changes</source>
        <translation>gültig, keine Änderungen</translation>
    </message>
    <message numerus="yes">
        <source>valid, %n change(s)</source>
        <translation>
            <numerusform>gültig, %n Änderung</numerusform>
            <numerusform>gültig, %n Änderungen</numerusform>
        </translation>
    </message>
    <message>
        <source>pushed as revision %1</source>
        <translation>als Revision %1 übertragen</translation>
    </message>
    <message numerus="yes">
        <source>rejected by the proxy: %n problem(s)</source>
        <translation>
            <numerusform>vom Proxy abgewiesen: %n Problem</numerusform>
            <numerusform>vom Proxy abgewiesen: %n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>changed by someone else (now revision %1)</source>
        <translation>von jemand anderem geändert (jetzt Revision %1)</translation>
    </message>
    <message>
        <source>changed by someone else</source>
        <translation>von jemand anderem geändert</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Another push or review is still running.</source>
        <translation>Eine andere Übertragung oder Prüfung läuft noch.</translation>
    </message>
    <message>
        <source>There is no document to push.</source>
        <translation>Es gibt kein Dokument zum Übertragen.</translation>
    </message>
    <message>
        <source>No proxy is selected.</source>
        <translation>Kein Proxy ausgewählt.</translation>
    </message>
    <message numerus="yes">
        <source>The document has %n validation problem(s); fix them before pushing.</source>
        <translation>
            <numerusform>Das Dokument hat %n Validierungsproblem; beheben Sie es vor der Übertragung.</numerusform>
            <numerusform>Das Dokument hat %n Validierungsprobleme; beheben Sie sie vor der Übertragung.</numerusform>
        </translation>
    </message>
    <message>
        <source>Proxy %1 is not connected.</source>
        <translation>Proxy %1 ist nicht verbunden.</translation>
    </message>
    <message>
        <source>the proxy stored the config but its answer could not be read: %1</source>
        <translation>Der Proxy hat die Konfiguration gespeichert, aber seine Antwort war nicht lesbar: %1</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::PushFlow</name>
    <message>
        <source>Took their version; your edits were dropped.</source>
        <translation>Deren Version übernommen; Ihre Änderungen wurden verworfen.</translation>
    </message>
    <message>
        <source>Your edits were re-applied on their version: review and push again.</source>
        <translation>Ihre Änderungen wurden auf deren Version erneut angewendet: prüfen und erneut übertragen.</translation>
    </message>
    <message>
        <source>Push cancelled; your edits are still here.</source>
        <translation>Übertragung abgebrochen; Ihre Änderungen sind noch da.</translation>
    </message>
    <message numerus="yes">
        <source>Pushed to %1 of %n proxy(s).</source>
        <translation>
            <numerusform>An %1 von %n Proxy übertragen.</numerusform>
            <numerusform>An %1 von %n Proxys übertragen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::PushProgressDialog</name>
    <message>
        <source>Push</source>
        <translation>Übertragen</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message numerus="yes">
        <source>Pushing to %n proxy(s)…</source>
        <translation>
            <numerusform>Übertragung an %n Proxy…</numerusform>
            <numerusform>Übertragung an %n Proxys…</numerusform>
        </translation>
    </message>
    <message>
        <source>pushing…</source>
        <translation>wird übertragen…</translation>
    </message>
    <message numerus="yes">
        <source>Pushed to %1 of %n proxy(s).</source>
        <translation>
            <numerusform>An %1 von %n Proxy übertragen.</numerusform>
            <numerusform>An %1 von %n Proxys übertragen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ReviewDialog</name>
    <message>
        <source>Review &amp; push</source>
        <translation>Prüfen &amp; übertragen</translation>
    </message>
    <message>
        <source>Proxy / change</source>
        <translation>Proxy / Änderung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Übertragen</translation>
    </message>
    <message>
        <source>Someone pushed to this proxy after the document was loaded: resolve the conflict first.</source>
        <translation>Jemand hat an diesen Proxy übertragen, nachdem das Dokument geladen wurde: zuerst den Konflikt lösen.</translation>
    </message>
    <message numerus="yes">
        <source>Push to %n proxies</source>
        <translation>
            <numerusform>An %n Proxy übertragen</numerusform>
            <numerusform>An %n Proxys übertragen</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the document against each proxy (dry run); nothing is stored yet…</source>
        <translation>Das Dokument wird gegen jeden Proxy geprüft (Probelauf); noch wird nichts gespeichert…</translation>
    </message>
    <message>
        <source>No proxy selected.</source>
        <translation>Kein Proxy ausgewählt.</translation>
    </message>
    <message>
        <source>These changes will be pushed. Proxies with errors are left out.</source>
        <translation>Diese Änderungen werden übertragen. Proxys mit Fehlern werden ausgelassen.</translation>
    </message>
    <message>
        <source>The document matches what the proxies have: nothing to push.</source>
        <translation>Das Dokument entspricht dem, was die Proxys haben: nichts zu übertragen.</translation>
    </message>
    <message>
        <source>No proxy accepted the document; see the errors below.</source>
        <translation>Kein Proxy hat das Dokument angenommen; siehe die Fehler unten.</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::RevisionsModel</name>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::TopMismatchSourcesModel</name>
    <message>
        <source>The namespace the client asked for</source>
        <translation>Der Namespace, nach dem der Client gefragt hat</translation>
    </message>
    <message>
        <source>The client&apos;s address</source>
        <translation>Die Adresse des Clients</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::TopNamespacesModel</name>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Hit ratio</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <source>Mismatches</source>
        <translation>Abweichungen</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::TopRepositoriesModel</name>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>Fehlschläge</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::UpstreamEditor</name>
    <message>
        <source>The namespace&apos;s upstreams, asked in this order</source>
        <translation>Die Upstreams des Namespace, in dieser Reihenfolge gefragt</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add an upstream at the end</source>
        <translation>Einen Upstream am Ende hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected upstream</source>
        <translation>Den gewählten Upstream entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Ask this upstream earlier</source>
        <translation>Diesen Upstream früher fragen</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Ask this upstream later</source>
        <translation>Diesen Upstream später fragen</translation>
    </message>
    <message>
        <source>http:// or https:// with host, optional port and API root path</source>
        <translation>http:// oder https:// mit Host, optionalem Port und API-Wurzelpfad</translation>
    </message>
    <message>
        <source>(anonymous)</source>
        <translation>(anonym)</translation>
    </message>
    <message>
        <source>A credential stored on the proxy, or empty for anonymous pulls</source>
        <translation>Auf dem Proxy gespeicherte Zugangsdaten, oder leer für anonyme Pulls</translation>
    </message>
    <message>
        <source>-----BEGIN CERTIFICATE----- … (empty: system trust store)</source>
        <translation>-----BEGIN CERTIFICATE----- … (leer: systemweite Zertifikate)</translation>
    </message>
    <message>
        <source>PEM certificates trusted for this upstream in addition to the system store</source>
        <translation>PEM-Zertifikate, denen für diesen Upstream zusätzlich zu den systemweiten vertraut wird</translation>
    </message>
    <message>
        <source>Load from file…</source>
        <translation>Aus Datei laden…</translation>
    </message>
    <message>
        <source>Verify the upstream&apos;s TLS certificate</source>
        <translation>Das TLS-Zertifikat des Upstreams prüfen</translation>
    </message>
    <message>
        <source>Turn off only for test registries: anyone on the path could answer</source>
        <translation>Nur für Test-Registries abschalten: Jeder auf dem Pfad könnte antworten</translation>
    </message>
    <message>
        <source>Upstream is ns-aware (forward ns)</source>
        <translation>Upstream kennt ns (ns weitergeben)</translation>
    </message>
    <message>
        <source>Send ns=&lt;namespace&gt; and require a matching OCI-Namespace reply</source>
        <translation>ns=&lt;Namespace&gt; senden und eine passende OCI-Namespace-Antwort verlangen</translation>
    </message>
    <message>
        <source>e.g. dockerhub/ (empty: none)</source>
        <translation>z. B. dockerhub/ (leer: keins)</translation>
    </message>
    <message>
        <source>Put in front of every repository name asked of this upstream</source>
        <translation>Vor jeden Repository-Namen setzen, der von diesem Upstream angefragt wird</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Credential:</source>
        <translation>&amp;Zugangsdaten:</translation>
    </message>
    <message>
        <source>C&amp;A:</source>
        <translation>C&amp;A:</translation>
    </message>
    <message>
        <source>Repository &amp;prefix:</source>
        <translation>Repository-&amp;Präfix:</translation>
    </message>
    <message>
        <source>Load CA certificate</source>
        <translation>CA-Zertifikat laden</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large for a CA certificate file</source>
        <translation>%1 ist zu groß für eine CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Upstreams</source>
        <translation>Upstreams</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::UpstreamsModel</name>
    <message>
        <source>Trusts its own CA certificate</source>
        <translation>Vertraut seinem eigenen CA-Zertifikat</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Verify TLS</source>
        <translation>TLS prüfen</translation>
    </message>
    <message>
        <source>Forward ns</source>
        <translation>ns weitergeben</translation>
    </message>
    <message>
        <source>Repository prefix</source>
        <translation>Repository-Präfix</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ValidationPanel</name>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>CA</translation>
    </message>
    <message>
        <source>repository prefix</source>
        <translation>Repository-Präfix</translation>
    </message>
    <message>
        <source>TLS verification</source>
        <translation>TLS-Prüfung</translation>
    </message>
    <message>
        <source>ns forwarding</source>
        <translation>ns-Weitergabe</translation>
    </message>
    <message>
        <source>allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>deny</source>
        <translation>Verbieten</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>tag TTL</source>
        <translation>Tag-TTL</translation>
    </message>
    <message>
        <source>serve stale</source>
        <translation>Veraltetes ausliefern</translation>
    </message>
    <message>
        <source>missing ns</source>
        <translation>fehlendes ns</translation>
    </message>
    <message>
        <source>default namespace</source>
        <translation>Standard-Namespace</translation>
    </message>
    <message>
        <source>namespace %1 (unnamed)</source>
        <translation>Namespace %1 (ohne Namen)</translation>
    </message>
    <message>
        <source>namespace %1</source>
        <translation>Namespace %1</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>alias %1</source>
        <translation>Alias %1</translation>
    </message>
    <message>
        <source>aliases</source>
        <translation>Aliasse</translation>
    </message>
    <message>
        <source>upstreams</source>
        <translation>Upstreams</translation>
    </message>
    <message>
        <source>upstream %1</source>
        <translation>Upstream %1</translation>
    </message>
    <message>
        <source>%1 line %2</source>
        <translation>%1 Zeile %2</translation>
    </message>
    <message>
        <source>No problems: the map can be pushed.</source>
        <translation>Keine Probleme: Die Zuordnung kann übertragen werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before a push:</source>
        <translation>
            <numerusform>%n Problem muss vor einer Übertragung behoben werden:</numerusform>
            <numerusform>%n Probleme müssen vor einer Übertragung behoben werden:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>nsgate::ui::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;No proxy yet&lt;/h2&gt;&lt;p&gt;Start a local nsgate to try things out, or add a proxy that already runs.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Noch kein Proxy&lt;/h2&gt;&lt;p&gt;Starten Sie ein lokales nsgate zum Ausprobieren, oder fügen Sie einen Proxy hinzu, der schon läuft.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Start a local nsgate</source>
        <translation>Ein lokales nsgate starten</translation>
    </message>
    <message>
        <source>Add a proxy…</source>
        <translation>Einen Proxy hinzufügen…</translation>
    </message>
</context>
<context>
    <name>nsgatectl</name>
    <message>
        <source>the proxy&apos;s admin API (default $NSGATE_ADMIN_URL)</source>
        <translation>die Admin-API des Proxys (Standard: $NSGATE_ADMIN_URL)</translation>
    </message>
    <message>
        <source>file holding the admin token (default $NSGATE_ADMIN_TOKEN_FILE)</source>
        <translation>Datei mit dem Admin-Token (Standard: $NSGATE_ADMIN_TOKEN_FILE)</translation>
    </message>
    <message>
        <source>CA certificate (PEM) for an https admin URL</source>
        <translation>CA-Zertifikat (PEM) für eine https-Admin-URL</translation>
    </message>
    <message>
        <source>nsgatectl: no admin URL: pass --admin URL or set NSGATE_ADMIN_URL
</source>
        <translation>nsgatectl: keine Admin-URL: --admin URL angeben oder NSGATE_ADMIN_URL setzen
</translation>
    </message>
    <message>
        <source>nsgatectl: admin URL &quot;%1&quot; is not an http:// or https:// URL
</source>
        <translation>nsgatectl: Die Admin-URL „%1“ ist keine http://- oder https://-URL
</translation>
    </message>
    <message>
        <source>nsgatectl: no admin token: pass --token-file FILE or set NSGATE_ADMIN_TOKEN_FILE
</source>
        <translation>nsgatectl: kein Admin-Token: --token-file FILE angeben oder NSGATE_ADMIN_TOKEN_FILE setzen
</translation>
    </message>
    <message>
        <source>nsgatectl: token file &quot;%1&quot; is empty
</source>
        <translation>nsgatectl: Die Token-Datei „%1“ ist leer
</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>show this help</source>
        <translation>diese Hilfe anzeigen</translation>
    </message>
    <message>
        <source>Try --help for more.</source>
        <translation>Mehr mit --help.</translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation>unbekannte Option %1</translation>
    </message>
    <message>
        <source>option %1 given twice</source>
        <translation>Option %1 doppelt angegeben</translation>
    </message>
    <message>
        <source>option %1 needs a value %2</source>
        <translation>Option %1 braucht einen Wert %2</translation>
    </message>
    <message>
        <source>option %1 needs a non-empty value</source>
        <translation>Option %1 braucht einen nicht leeren Wert</translation>
    </message>
    <message>
        <source>option %1 does not accept &quot;%2&quot; (one of: %3)</source>
        <translation>Option %1 akzeptiert „%2“ nicht (erlaubt: %3)</translation>
    </message>
    <message>
        <source>option %1 takes no value</source>
        <translation>Option %1 nimmt keinen Wert</translation>
    </message>
    <message>
        <source>missing %1</source>
        <translation>%1 fehlt</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>missing required option %1</source>
        <translation>Pflichtoption %1 fehlt</translation>
    </message>
    <message>
        <source>Prints the proxy&apos;s config document, with its revision, or writes it to FILE.
Edit it and send it back with `nsgatectl config put FILE`.</source>
        <translation>Gibt das Konfigurationsdokument des Proxys mit seiner Revision aus oder schreibt es nach FILE.
Bearbeiten und mit `nsgatectl config put FILE` zurückschicken.</translation>
    </message>
    <message>
        <source>write the document here instead of stdout</source>
        <translation>das Dokument hierhin statt auf stdout schreiben</translation>
    </message>
    <message>
        <source>overwrite an existing FILE</source>
        <translation>eine vorhandene FILE überschreiben</translation>
    </message>
    <message>
        <source>%1: revision %2
</source>
        <translation>%1: Revision %2
</translation>
    </message>
    <message>
        <source>Replaces the proxy&apos;s config with FILE. The revision inside FILE is sent as If-Match, so a
change someone else pushed meanwhile is never overwritten (the proxy answers 412). Prints the
new revision; with --dry-run, the changes it would make.</source>
        <translation>Ersetzt die Konfiguration des Proxys durch FILE. Die Revision in FILE wird als If-Match gesendet,
sodass eine zwischenzeitlich von jemand anderem übertragene Änderung nie überschrieben wird
(der Proxy antwortet 412). Gibt die neue Revision aus; mit --dry-run die Änderungen, die es gäbe.</translation>
    </message>
    <message>
        <source>validate and list the changes; store nothing</source>
        <translation>validieren und die Änderungen auflisten; nichts speichern</translation>
    </message>
    <message>
        <source>who is pushing, for the revision history (default: nsgatectl)</source>
        <translation>wer überträgt, für den Revisionsverlauf (Standard: nsgatectl)</translation>
    </message>
    <message>
        <source>nsgatectl: %1 carries no revision; start from `nsgatectl config get` so the proxy can tell whether it changed meanwhile
</source>
        <translation>nsgatectl: %1 trägt keine Revision; mit `nsgatectl config get` beginnen, damit der Proxy erkennt, ob sie sich zwischenzeitlich geändert hat
</translation>
    </message>
    <message>
        <source>the config changed since revision %1; get it again and re-apply your edits
</source>
        <translation>Die Konfiguration hat sich seit Revision %1 geändert; neu holen und Ihre Änderungen erneut vornehmen
</translation>
    </message>
    <message>
        <source>valid
</source>
        <translation>gültig
</translation>
    </message>
    <message>
        <source>Lists the proxy&apos;s config revisions, newest first: revision, time, actor, summary.</source>
        <translation>Listet die Konfigurationsrevisionen des Proxys, neueste zuerst: Revision, Zeit, Akteur, Zusammenfassung.</translation>
    </message>
    <message>
        <source>how many (default 50)</source>
        <translation>wie viele (Standard: 50)</translation>
    </message>
    <message>
        <source>nsgatectl: --limit &quot;%1&quot; is not a positive number
</source>
        <translation>nsgatectl: --limit „%1“ ist keine positive Zahl
</translation>
    </message>
    <message>
        <source>Usage: nsgatectl config get|put|revisions ...
  get [--out FILE]           the proxy&apos;s config document, with its revision
  put FILE [--dry-run]       replace it (If-Match: the revision in FILE)
  revisions                  the history, newest first
Each takes --admin URL and --token-file FILE (or NSGATE_ADMIN_URL and
NSGATE_ADMIN_TOKEN_FILE).
</source>
        <translation>Aufruf: nsgatectl config get|put|revisions ...
  get [--out FILE]           das Konfigurationsdokument des Proxys, mit seiner Revision
  put FILE [--dry-run]       es ersetzen (If-Match: die Revision in FILE)
  revisions                  der Verlauf, neueste zuerst
Jeder nimmt --admin URL und --token-file FILE (oder NSGATE_ADMIN_URL und
NSGATE_ADMIN_TOKEN_FILE).
</translation>
    </message>
    <message>
        <source>nsgatectl: config needs a sub-command
</source>
        <translation>nsgatectl: config braucht einen Unterbefehl
</translation>
    </message>
    <message>
        <source>nsgatectl: unknown config sub-command &quot;%1&quot;
</source>
        <translation>nsgatectl: unbekannter config-Unterbefehl „%1“
</translation>
    </message>
    <message>
        <source>(document)</source>
        <translation>(Dokument)</translation>
    </message>
    <message>
        <source>nsgatectl: cannot read &quot;%1&quot;: %2
</source>
        <translation>nsgatectl: „%1“ kann nicht gelesen werden: %2
</translation>
    </message>
    <message>
        <source>nsgatectl: &quot;%1&quot; is %2 bytes; the limit is %3
</source>
        <translation>nsgatectl: „%1“ hat %2 Bytes; die Grenze ist %3
</translation>
    </message>
    <message>
        <source>nsgatectl: cannot open &quot;%1&quot;: %2
</source>
        <translation>nsgatectl: „%1“ kann nicht geöffnet werden: %2
</translation>
    </message>
    <message>
        <source>only events with a sequence number above N (default 0)</source>
        <translation>nur Ereignisse mit einer Sequenznummer über N (Standard: 0)</translation>
    </message>
    <message>
        <source>keep streaming new events until stopped</source>
        <translation>neue Ereignisse weiter ausgeben, bis abgebrochen wird</translation>
    </message>
    <message>
        <source>one JSON event record per line</source>
        <translation>ein JSON-Ereignisdatensatz pro Zeile</translation>
    </message>
    <message>
        <source>Prints the proxy&apos;s request events in order. Ranges the proxy already pruned are reported on
stderr as gaps. With --follow, keeps printing live events, reconnecting as needed.</source>
        <translation>Gibt die Anfrage-Ereignisse des Proxys der Reihe nach aus. Bereiche, die der Proxy schon bereinigt
hat, werden auf stderr als Lücken gemeldet. Mit --follow werden weiter Live-Ereignisse ausgegeben,
bei Bedarf mit neuer Verbindung.</translation>
    </message>
    <message>
        <source>nsgatectl: --after &quot;%1&quot; is not a sequence number
</source>
        <translation>nsgatectl: --after „%1“ ist keine Sequenznummer
</translation>
    </message>
    <message>
        <source>gap: events %1..%2 were pruned by the proxy
</source>
        <translation>Lücke: Die Ereignisse %1..%2 wurden vom Proxy bereinigt
</translation>
    </message>
    <message>
        <source>config document to export</source>
        <translation>zu exportierendes Konfigurationsdokument</translation>
    </message>
    <message>
        <source>overwrite existing files</source>
        <translation>vorhandene Dateien überschreiben</translation>
    </message>
    <message>
        <source>the proxy&apos;s registry URL as nodes reach it, e.g. http://mirror.lan:5000</source>
        <translation>die Registry-URL des Proxys, wie die Knoten ihn erreichen, z. B. http://mirror.lan:5000</translation>
    </message>
    <message>
        <source>warning: %1
</source>
        <translation>Warnung: %1
</translation>
    </message>
    <message>
        <source>nsgatectl: &quot;%1&quot; already exists (use --force to overwrite)
</source>
        <translation>nsgatectl: „%1“ existiert bereits (mit --force überschreiben)
</translation>
    </message>
    <message>
        <source>Writes a certs.d tree for containerd: DIR/&lt;namespace&gt;/hosts.toml for every namespace and alias
(and DIR/_default/hosts.toml with --default), each sending pulls to the proxy with ns.
Point containerd&apos;s registry config_path (or ctr --hosts-dir) at DIR.</source>
        <translation>Schreibt einen certs.d-Baum für containerd: DIR/&lt;Namespace&gt;/hosts.toml für jeden Namespace und Alias
(und DIR/_default/hosts.toml mit --default), jede schickt Pulls mit ns an den Proxy.
containerds Registry-config_path (oder ctr --hosts-dir) auf DIR zeigen lassen.</translation>
    </message>
    <message>
        <source>directory to write the tree into</source>
        <translation>Verzeichnis, in das der Baum geschrieben wird</translation>
    </message>
    <message>
        <source>containerd version the files are for (default 1.7)</source>
        <translation>containerd-Version, für die die Dateien sind (Standard: 1.7)</translation>
    </message>
    <message>
        <source>where a pull goes when the proxy fails (default origin)</source>
        <translation>wohin ein Pull geht, wenn der Proxy versagt (Standard: origin)</translation>
    </message>
    <message>
        <source>also write _default/hosts.toml: every other registry through the proxy too</source>
        <translation>auch _default/hosts.toml schreiben: auch jede andere Registry über den Proxy</translation>
    </message>
    <message>
        <source>CA certificate of the proxy, as a path on the nodes</source>
        <translation>CA-Zertifikat des Proxys, als Pfad auf den Knoten</translation>
    </message>
    <message>
        <source>do not verify the proxy&apos;s TLS certificate</source>
        <translation>das TLS-Zertifikat des Proxys nicht prüfen</translation>
    </message>
    <message>
        <source>Writes a containers-registries.conf (v2) for podman, skopeo and CRI-O: every namespace gets the
proxy as a path-prefix mirror (HOST:PORT/&lt;namespace&gt;), which the proxy maps back to the namespace.</source>
        <translation>Schreibt eine containers-registries.conf (v2) für podman, skopeo und CRI-O: Jeder Namespace bekommt
den Proxy als Pfadpräfix-Mirror (HOST:PORT/&lt;Namespace&gt;), den der Proxy auf den Namespace zurückführt.</translation>
    </message>
    <message>
        <source>the proxy&apos;s registry address as nodes reach it</source>
        <translation>die Registry-Adresse des Proxys, wie die Knoten ihn erreichen</translation>
    </message>
    <message>
        <source>file to write</source>
        <translation>zu schreibende Datei</translation>
    </message>
    <message>
        <source>the proxy speaks plain HTTP or has an untrusted certificate</source>
        <translation>der Proxy spricht reines HTTP oder hat ein nicht vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <source>Writes a k3s / rke2 registries.yaml: every namespace mirrored through the proxy (k3s sends ns),
and with --default the &quot;*&quot; catch-all.</source>
        <translation>Schreibt eine k3s-/rke2-registries.yaml: jeder Namespace über den Proxy gespiegelt (k3s sendet ns),
und mit --default der Auffang-Eintrag &quot;*&quot;.</translation>
    </message>
    <message>
        <source>add the &quot;*&quot; mirror: every other registry through the proxy too</source>
        <translation>den Mirror &quot;*&quot; hinzufügen: auch jede andere Registry über den Proxy</translation>
    </message>
    <message>
        <source>Writes a Docker daemon.json with the proxy as registry mirror. Docker mirrors only Docker Hub:
the config needs a docker.io namespace, and every other namespace is reported as not exportable.</source>
        <translation>Schreibt eine Docker-daemon.json mit dem Proxy als Registry-Mirror. Docker spiegelt nur Docker Hub:
Die Konfiguration braucht einen Namespace docker.io, und jeder andere Namespace wird als nicht
exportierbar gemeldet.</translation>
    </message>
    <message>
        <source>Usage: nsgatectl export FORMAT --config CONFIG.json --proxy ... --out ...
Formats:
  containerd        certs.d tree of hosts.toml files
  registries-conf   containers-registries.conf v2 (podman, skopeo, CRI-O)
  k3s               k3s / rke2 registries.yaml
  docker            Docker daemon.json (Docker Hub only)
Run `nsgatectl export FORMAT --help` for the options of a format.
</source>
        <translation>Aufruf: nsgatectl export FORMAT --config CONFIG.json --proxy ... --out ...
Formate:
  containerd        certs.d-Baum aus hosts.toml-Dateien
  registries-conf   containers-registries.conf v2 (podman, skopeo, CRI-O)
  k3s               k3s / rke2 registries.yaml
  docker            Docker daemon.json (nur Docker Hub)
`nsgatectl export FORMAT --help` zeigt die Optionen eines Formats.
</translation>
    </message>
    <message>
        <source>nsgatectl: export needs a format
</source>
        <translation>nsgatectl: export braucht ein Format
</translation>
    </message>
    <message>
        <source>nsgatectl: unknown export format &quot;%1&quot;
</source>
        <translation>nsgatectl: unbekanntes Exportformat „%1“
</translation>
    </message>
    <message>
        <source>Reads a containerd certs.d tree (DIR/&lt;registry&gt;/hosts.toml) into a draft config document.
What cannot be expressed as a namespace map is listed as `PATH: reason` on stderr.</source>
        <translation>Liest einen containerd-certs.d-Baum (DIR/&lt;Registry&gt;/hosts.toml) in ein Konfigurationsdokument als Entwurf.
Was sich nicht als Namespace-Zuordnung ausdrücken lässt, wird als `PATH: Grund` auf stderr aufgeführt.</translation>
    </message>
    <message>
        <source>file to write the draft to</source>
        <translation>Datei, in die der Entwurf geschrieben wird</translation>
    </message>
    <message>
        <source>overwrite an existing file</source>
        <translation>eine vorhandene Datei überschreiben</translation>
    </message>
    <message>
        <source>not mapped:
</source>
        <translation>nicht zugeordnet:
</translation>
    </message>
    <message>
        <source>the draft needs editing before it validates:
</source>
        <translation>Der Entwurf muss bearbeitet werden, bevor er gültig ist:
</translation>
    </message>
    <message>
        <source>nsgatectl: import needs a format
</source>
        <translation>nsgatectl: import braucht ein Format
</translation>
    </message>
    <message>
        <source>nsgatectl: unknown import format &quot;%1&quot;
</source>
        <translation>nsgatectl: unbekanntes Importformat „%1“
</translation>
    </message>
    <message>
        <source>nsgatectl: %1: %2; retrying
</source>
        <translation>nsgatectl: %1: %2; neuer Versuch
</translation>
    </message>
    <message>
        <source>following %1 (instance %2) after seq %3
</source>
        <translation>folge %1 (Instanz %2) nach Sequenz %3
</translation>
    </message>
    <message>
        <source>gap: %1 had already pruned events %2..%3
</source>
        <translation>Lücke: %1 hatte die Ereignisse %2..%3 schon bereinigt
</translation>
    </message>
    <message>
        <source>nsgatectl: %1 is now instance %2, not %3; starting over
</source>
        <translation>nsgatectl: %1 ist jetzt Instanz %2, nicht %3; beginne von vorn
</translation>
    </message>
    <message>
        <source>nsgatectl: log store: %1; resuming from the last committed event
</source>
        <translation>nsgatectl: Ereignisspeicher: %1; weiter ab dem letzten festgeschriebenen Ereignis
</translation>
    </message>
    <message>
        <source>nsgatectl: option %1 needs a value
</source>
        <translation>nsgatectl: Option %1 braucht einen Wert
</translation>
    </message>
    <message>
        <source>nsgatectl: --token-file %1 follows no --admin URL of its own
</source>
        <translation>nsgatectl: --token-file %1 folgt keiner eigenen --admin-URL
</translation>
    </message>
    <message>
        <source>Collects the events of one or more proxies into the local log store FILE (created if
missing) until SIGINT or SIGTERM, resuming each proxy after the last event the store holds.
Every batch is stored in one transaction together with the proxy&apos;s cursor, so stopping or
killing the collector at any moment loses no event and stores none twice. Ranges a proxy
had already pruned are recorded as gaps. Give --admin and --token-file once per proxy;
without --admin, NSGATE_ADMIN_URL and NSGATE_ADMIN_TOKEN_FILE name a single proxy.</source>
        <translation>Sammelt die Ereignisse eines oder mehrerer Proxys im lokalen Ereignisspeicher FILE (wird bei Bedarf
angelegt), bis SIGINT oder SIGTERM kommt, und setzt jeden Proxy nach dem letzten gespeicherten
Ereignis fort. Jeder Stapel wird zusammen mit dem Cursor des Proxys in einer Transaktion gespeichert;
wer den Sammler jederzeit anhält oder beendet, verliert also kein Ereignis und speichert keines
doppelt. Bereiche, die ein Proxy schon bereinigt hatte, werden als Lücken festgehalten. --admin und
--token-file einmal pro Proxy angeben; ohne --admin nennen NSGATE_ADMIN_URL und
NSGATE_ADMIN_TOKEN_FILE einen einzelnen Proxy.</translation>
    </message>
    <message>
        <source>the local log store (SQLite)</source>
        <translation>der lokale Ereignisspeicher (SQLite)</translation>
    </message>
    <message>
        <source>a proxy&apos;s admin API (repeatable; default $NSGATE_ADMIN_URL)</source>
        <translation>die Admin-API eines Proxys (wiederholbar; Standard: $NSGATE_ADMIN_URL)</translation>
    </message>
    <message>
        <source>the admin token of the --admin before it (default $NSGATE_ADMIN_TOKEN_FILE)</source>
        <translation>das Admin-Token des --admin davor (Standard: $NSGATE_ADMIN_TOKEN_FILE)</translation>
    </message>
    <message>
        <source>CA certificate (PEM) for https admin URLs</source>
        <translation>CA-Zertifikat (PEM) für https-Admin-URLs</translation>
    </message>
    <message>
        <source>nsgatectl: cannot install the SIGINT/SIGTERM handlers
</source>
        <translation>nsgatectl: Die Handler für SIGINT/SIGTERM lassen sich nicht einrichten
</translation>
    </message>
    <message>
        <source>stopped
</source>
        <translation>angehalten
</translation>
    </message>
    <message>
        <source>Usage: nsgatectl log follow|export --store FILE ...
Run `nsgatectl log follow --help` or `nsgatectl log export --help`.
</source>
        <translation>Aufruf: nsgatectl log follow|export --store FILE ...
Siehe `nsgatectl log follow --help` oder `nsgatectl log export --help`.
</translation>
    </message>
    <message>
        <source>nsgatectl: unknown log command &quot;%1&quot;
</source>
        <translation>nsgatectl: unbekannter log-Befehl „%1“
</translation>
    </message>
    <message>
        <source>Writes the events in the local log store to stdout, oldest first.
  csv:  a header line, then one row per event (RFC 4180 quoting, CRLF line ends; empty = null)
  json: JSON Lines: one event record per line, as the admin API sends it, plus &quot;instanceId&quot;
T is RFC 3339 (2026-11-27T21:00:00Z) or a time before now (90s, 15m, 2h, 7d); --since is
inclusive, --until exclusive. The namespace of an event is the one that served it, or the
one the client asked for when none did.</source>
        <translation>Schreibt die Ereignisse im lokalen Ereignisspeicher auf stdout, älteste zuerst.
  csv:  eine Kopfzeile, dann eine Zeile pro Ereignis (Quoting nach RFC 4180, CRLF-Zeilenenden; leer = null)
  json: JSON Lines: ein Ereignisdatensatz pro Zeile, wie die Admin-API ihn sendet, plus &quot;instanceId&quot;
T ist RFC 3339 (2026-11-27T21:00:00Z) oder eine Zeit vor jetzt (90s, 15m, 2h, 7d); --since schließt
ein, --until aus. Der Namespace eines Ereignisses ist der, der es ausgeliefert hat, oder der, nach
dem der Client gefragt hat, wenn keiner es tat.</translation>
    </message>
    <message>
        <source>output format</source>
        <translation>Ausgabeformat</translation>
    </message>
    <message>
        <source>only events at or after T</source>
        <translation>nur Ereignisse zu oder nach T</translation>
    </message>
    <message>
        <source>only events before T</source>
        <translation>nur Ereignisse vor T</translation>
    </message>
    <message>
        <source>only events of this namespace</source>
        <translation>nur Ereignisse dieses Namespace</translation>
    </message>
    <message>
        <source>only events of this proxy (instanceId)</source>
        <translation>nur Ereignisse dieses Proxys (instanceId)</translation>
    </message>
    <message>
        <source>only events for this repository</source>
        <translation>nur Ereignisse für dieses Repository</translation>
    </message>
    <message>
        <source>only events for this digest</source>
        <translation>nur Ereignisse für diesen Digest</translation>
    </message>
    <message>
        <source>nsgatectl: %1 &quot;%2&quot; is neither an RFC 3339 time nor a duration like 15m
</source>
        <translation>nsgatectl: %1 „%2“ ist weder eine Zeit nach RFC 3339 noch eine Dauer wie 15m
</translation>
    </message>
    <message>
        <source>nsgatectl: writing to stdout failed
</source>
        <translation>nsgatectl: Schreiben auf stdout fehlgeschlagen
</translation>
    </message>
    <message>
        <source>Resolves REFERENCE through the mirror at URL the way containerd does (HEAD of the manifest
with ?ns=&lt;registry&gt; and containerd&apos;s Accept list) and prints the status, Docker-Content-Digest,
OCI-Namespace and whether the mirror honours ns. A second HEAD with an ns nobody maps tells
a mirror that checks ns from one that ignores it.
Exit status: 0 the reference resolved and the mirror honours ns; 1 otherwise; 2 usage.</source>
        <translation>Löst REFERENCE über den Mirror unter URL so auf, wie containerd es tut (HEAD auf das Manifest
mit ?ns=&lt;Registry&gt; und containerds Accept-Liste), und gibt Status, Docker-Content-Digest,
OCI-Namespace aus und ob der Mirror ns beachtet. Ein zweites HEAD mit einem ns, das niemand
zuordnet, unterscheidet einen Mirror, der ns prüft, von einem, der es ignoriert.
Exit-Status: 0 die Referenz wurde aufgelöst und der Mirror beachtet ns; 1 sonst; 2 Aufruffehler.</translation>
    </message>
    <message>
        <source>the mirror&apos;s registry URL, e.g. http://127.0.0.1:5000</source>
        <translation>die Registry-URL des Mirrors, z. B. http://127.0.0.1:5000</translation>
    </message>
    <message>
        <source>nsgatectl: --registry &quot;%1&quot; is not an http:// or https:// URL
</source>
        <translation>nsgatectl: --registry „%1“ ist keine http://- oder https://-URL
</translation>
    </message>
    <message>
        <source>reference:      %1
</source>
        <translation>Referenz:            %1
</translation>
    </message>
    <message>
        <source>request:        HEAD %1
</source>
        <translation>Anfrage:             HEAD %1
</translation>
    </message>
    <message>
        <source>status:         no answer (%1)
</source>
        <translation>Status:              keine Antwort (%1)
</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>status:         %1
</source>
        <translation>Status:              %1
</translation>
    </message>
    <message>
        <source>digest:         %1
</source>
        <translation>Digest:              %1
</translation>
    </message>
    <message>
        <source>media type:     %1
</source>
        <translation>Medientyp:           %1
</translation>
    </message>
    <message>
        <source>OCI-Namespace:  %1
</source>
        <translation>OCI-Namespace:       %1
</translation>
    </message>
    <message>
        <source>unmapped ns:    %1
</source>
        <translation>ns nicht zugeordnet: %1
</translation>
    </message>
    <message>
        <source>verdict:        %1 (%2)
</source>
        <translation>Urteil:              %1 (%2)
</translation>
    </message>
    <message>
        <source>Checks a config document: its shape, every value and the rules between them.
Prints every problem as `POINTER: message` (exit 1), or a summary (exit 0).</source>
        <translation>Prüft ein Konfigurationsdokument: seine Form, jeden Wert und die Regeln zwischen ihnen.
Gibt jedes Problem als `POINTER: Meldung` aus (Exit 1) oder eine Zusammenfassung (Exit 0).</translation>
    </message>
    <message>
        <source>Usage: nsgatectl COMMAND [OPTIONS]

Commands:
  validate CONFIG.json                  check a config document, listing every problem
  export containerd|registries-conf|k3s|docker ...
                                        write client configuration that pulls through a proxy
  import containerd DIR --out FILE      turn an existing certs.d tree into a draft config
  config get|put|revisions              read and replace a proxy&apos;s config (admin API)
  events [--after N] [--follow]         a proxy&apos;s request events
  probe REFERENCE --registry URL        does a mirror honour ns? (the way containerd asks)
  log follow --store FILE [--admin URL --token-file FILE]...
                                        collect proxies&apos; events into a local log store until stopped
  log export --store FILE --format csv|json [--since T] [--until T] [--namespace NS]
                                        the stored events as CSV or JSON Lines

Commands that talk to a proxy take --admin URL and --token-file FILE, or read
NSGATE_ADMIN_URL and NSGATE_ADMIN_TOKEN_FILE.

Run `nsgatectl COMMAND --help` for a command&apos;s options.
Exit status: 0 success, 1 invalid input, 2 usage error.
</source>
        <translation>Aufruf: nsgatectl BEFEHL [OPTIONEN]

Befehle:
  validate CONFIG.json                  ein Konfigurationsdokument prüfen und jedes Problem auflisten
  export containerd|registries-conf|k3s|docker ...
                                        Client-Konfiguration schreiben, die über einen Proxy zieht
  import containerd DIR --out FILE      einen vorhandenen certs.d-Baum in einen Entwurf umwandeln
  config get|put|revisions              die Konfiguration eines Proxys lesen und ersetzen (Admin-API)
  events [--after N] [--follow]         die Anfrage-Ereignisse eines Proxys
  probe REFERENCE --registry URL        beachtet ein Mirror ns? (so gefragt wie von containerd)
  log follow --store FILE [--admin URL --token-file FILE]...
                                        Ereignisse von Proxys im lokalen Ereignisspeicher sammeln, bis
                                        abgebrochen wird
  log export --store FILE --format csv|json [--since T] [--until T] [--namespace NS]
                                        die gespeicherten Ereignisse als CSV oder JSON Lines

Befehle, die mit einem Proxy sprechen, nehmen --admin URL und --token-file FILE oder lesen
NSGATE_ADMIN_URL und NSGATE_ADMIN_TOKEN_FILE.

`nsgatectl BEFEHL --help` zeigt die Optionen eines Befehls.
Exit-Status: 0 Erfolg, 1 ungültige Eingabe, 2 Aufruffehler.
</translation>
    </message>
    <message>
        <source>nsgatectl: unknown command &quot;%1&quot;
</source>
        <translation>nsgatectl: unbekannter Befehl „%1“
</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n namespace(s) imported
</source>
        <translation>
            <numerusform>%1: %n Namespace importiert
</numerusform>
            <numerusform>%1: %n Namespaces importiert
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: valid, %n namespace(s)</source>
        <translation>
            <numerusform>%1: gültig, %n Namespace</numerusform>
            <numerusform>%1: gültig, %n Namespaces</numerusform>
        </translation>
    </message>
    <message>
        <source>expected exactly one file from the exporter</source>
        <translation>genau eine Datei vom Exporter erwartet</translation>
    </message>
</context>
</TS>
