<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>nsgate::ui::AuditPage</name>
    <message numerus="yes">
        <source>%n request(s) served %1 over the stored history.</source>
        <translation>
            <numerusform>%n request served %1 over the stored history.</numerusform>
            <numerusform>%n requests served %1 over the stored history.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) written…</source>
        <translation>
            <numerusform>%Ln event written…</numerusform>
            <numerusform>%Ln events written…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln event(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln event to %1.</numerusform>
            <numerusform>Exported %Ln events to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Searching… %Ln event(s) listed so far.</source>
        <translation>
            <numerusform>Searching… %Ln event listed so far.</numerusform>
            <numerusform>Searching… %Ln events listed so far.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) match, newest first.</source>
        <translation>
            <numerusform>%Ln event matches, newest first.</numerusform>
            <numerusform>%Ln events match, newest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) listed, newest first; scroll down for more.</source>
        <translation>
            <numerusform>%Ln event listed, newest first; scroll down for more.</numerusform>
            <numerusform>%Ln events listed, newest first; scroll down for more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ConflictDialog</name>
    <message numerus="yes">
        <source>%n edit(s) could not be re-applied on their version and were dropped:</source>
        <translation>
            <numerusform>%n edit could not be re-applied on their version and was dropped:</numerusform>
            <numerusform>%n edits could not be re-applied on their version and were dropped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The result has %n validation problem(s); fix them before pushing again.</source>
        <translation>
            <numerusform>The result has %n validation problem; fix it before pushing again.</numerusform>
            <numerusform>The result has %n validation problems; fix them before pushing again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ExportPage</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in %1 already exist and will be replaced:</source>
        <translation>
            <numerusform>%n file in %1 already exists and will be replaced:</numerusform>
            <numerusform>%n files in %1 already exist and will be replaced:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n file(s): %1</source>
        <translation>
            <numerusform>Stopped after %n file: %1</numerusform>
            <numerusform>Stopped after %n files: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation>
            <numerusform>Wrote %n file to %1.</numerusform>
            <numerusform>Wrote %n files to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n namespace(s) from %1 into a draft.</source>
        <translation>
            <numerusform>Imported %n namespace from %1 into a draft.</numerusform>
            <numerusform>Imported %n namespaces from %1 into a draft.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n namespace(s) from %1 into a draft; not mapped:</source>
        <translation>
            <numerusform>Imported %n namespace from %1 into a draft; not mapped:</numerusform>
            <numerusform>Imported %n namespaces from %1 into a draft; not mapped:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::HistoryPage</name>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n revision</numerusform>
            <numerusform>%n revisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revision %1 → %2: %3 (%n changed line(s))</source>
        <translation>
            <numerusform>Revision %1 → %2: %3 (%n changed line)</numerusform>
            <numerusform>Revision %1 → %2: %3 (%n changed lines)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::LogStoreSettingsDialog</name>
    <message numerus="yes">
        <source>%n event(s) deleted</source>
        <translation>
            <numerusform>%n event deleted</numerusform>
            <numerusform>%n events deleted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::MainWindow</name>
    <message numerus="yes">
        <source>Imported %n namespace(s) as a draft.</source>
        <translation>
            <numerusform>Imported %n namespace as a draft.</numerusform>
            <numerusform>Imported %n namespaces as a draft.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported a draft; %n entr(ies) could not be mapped (listed on the Export page).</source>
        <translation>
            <numerusform>Imported a draft; %n entry could not be mapped (listed on the Export page).</numerusform>
            <numerusform>Imported a draft; %n entries could not be mapped (listed on the Export page).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::NamespacesModel</name>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::PushController</name>
    <message numerus="yes">
        <source>valid, %n change(s)</source>
        <translation>
            <numerusform>valid, %n change</numerusform>
            <numerusform>valid, %n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rejected by the proxy: %n problem(s)</source>
        <translation>
            <numerusform>rejected by the proxy: %n problem</numerusform>
            <numerusform>rejected by the proxy: %n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The document has %n validation problem(s); fix them before pushing.</source>
        <translation>
            <numerusform>The document has %n validation problem; fix it before pushing.</numerusform>
            <numerusform>The document has %n validation problems; fix them before pushing.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::PushFlow</name>
    <message numerus="yes">
        <source>Pushed to %1 of %n proxy(s).</source>
        <translation>
            <numerusform>Pushed to %1 of %n proxy.</numerusform>
            <numerusform>Pushed to %1 of %n proxies.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::PushProgressDialog</name>
    <message numerus="yes">
        <source>Pushing to %n proxy(s)…</source>
        <translation>
            <numerusform>Pushing to %n proxy…</numerusform>
            <numerusform>Pushing to %n proxies…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pushed to %1 of %n proxy(s).</source>
        <translation>
            <numerusform>Pushed to %1 of %n proxy.</numerusform>
            <numerusform>Pushed to %1 of %n proxies.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ReviewDialog</name>
    <message numerus="yes">
        <source>Push to %n proxies</source>
        <translation>
            <numerusform>Push to %n proxy</numerusform>
            <numerusform>Push to %n proxies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgate::ui::ValidationPanel</name>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before a push:</source>
        <translation>
            <numerusform>%n problem must be fixed before a push:</numerusform>
            <numerusform>%n problems must be fixed before a push:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsgatectl</name>
    <message numerus="yes">
        <source>%1: %n namespace(s) imported
</source>
        <translation>
            <numerusform>%1: %n namespace imported
</numerusform>
            <numerusform>%1: %n namespaces imported
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: valid, %n namespace(s)</source>
        <translation>
            <numerusform>%1: valid, %n namespace</numerusform>
            <numerusform>%1: valid, %n namespaces</numerusform>
        </translation>
    </message>
</context>
</TS>
