<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms for strings that count, written by update-plurals.py (run it after
     adding a tr() with %n; the forms of entries already here may be edited by hand). -->
<TS version="2.1" language="en_US">
<context>
    <name>coffer::ContentFindingsBar</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::content::ContentInspector</name>
    <message numerus="yes">
        <source>JWKS · %n key(s)</source>
        <translation>
            <numerusform>JWKS · %n key</numerusform>
            <numerusform>JWKS · %n keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::DiagnosticsPane</name>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::diagnostics::DiagnosticsRun</name>
    <message numerus="yes">
        <source>ListSecrets returned %n secret(s) in scope.</source>
        <translation>
            <numerusform>ListSecrets returned %n secret in scope.</numerusform>
            <numerusform>ListSecrets returned %n secrets in scope.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>DescribeSecret allowed on %n secret(s).</source>
        <translation>
            <numerusform>DescribeSecret allowed on %n secret.</numerusform>
            <numerusform>DescribeSecret allowed on %n secrets.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>GetSecretValue allowed on %n secret(s) (values not kept).</source>
        <translation>
            <numerusform>GetSecretValue allowed on %n secret (values not kept).</numerusform>
            <numerusform>GetSecretValue allowed on %n secrets (values not kept).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s)</source>
        <translation>
            <numerusform>%n secret</numerusform>
            <numerusform>%n secrets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) in what the secrets hold.</source>
        <translation>
            <numerusform>%n error in what the secrets hold.</numerusform>
            <numerusform>%n errors in what the secrets hold.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) in what the secrets hold.</source>
        <translation>
            <numerusform>%n warning in what the secrets hold.</numerusform>
            <numerusform>%n warnings in what the secrets hold.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No problem found in %n secret(s) (values not kept).</source>
        <translation>
            <numerusform>No problem found in %n secret (values not kept).</numerusform>
            <numerusform>No problem found in %n secrets (values not kept).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No identity-based policy of %1 allows %2 on %n secret(s): the permission is simply missing from its user, group or role policies.</source>
        <translation>
            <numerusform>No identity-based policy of %1 allows %2 on %n secret: the permission is simply missing from its user, group or role policies.</numerusform>
            <numerusform>No identity-based policy of %1 allows %2 on %n secrets: the permission is simply missing from its user, group or role policies.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::content::JsonSchema</name>
    <message numerus="yes">
        <source>is shorter than %n character(s)</source>
        <translation>
            <numerusform>is shorter than %n character</numerusform>
            <numerusform>is shorter than %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>is longer than %n character(s)</source>
        <translation>
            <numerusform>is longer than %n character</numerusform>
            <numerusform>is longer than %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::aws::ProcessCredentialsProvider</name>
    <message numerus="yes">
        <source>credential_process '%1' of %2 did not answer within %n second(s)</source>
        <translation>
            <numerusform>credential_process '%1' of %2 did not answer within %n second</numerusform>
            <numerusform>credential_process '%1' of %2 did not answer within %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::ProfileManagerDialog</name>
    <message numerus="yes">
        <source>Imported %n profile(s).</source>
        <translation>
            <numerusform>Imported %n profile.</numerusform>
            <numerusform>Imported %n profiles.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::SecretBrowserPane</name>
    <message numerus="yes">
        <source>Loading… %n secret(s)</source>
        <translation>
            <numerusform>Loading… %n secret</numerusform>
            <numerusform>Loading… %n secrets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s)</source>
        <translation>
            <numerusform>%n secret</numerusform>
            <numerusform>%n secrets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::SecretDetailsEdit</name>
    <message numerus="yes">
        <source>%n tag(s) set</source>
        <translation>
            <numerusform>%n tag set</numerusform>
            <numerusform>%n tags set</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) removed</source>
        <translation>
            <numerusform>%n tag removed</numerusform>
            <numerusform>%n tags removed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::SecretDetailsPane</name>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Every day</numerusform>
            <numerusform>Every %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::diff::SecretDiff</name>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n line removed</numerusform>
            <numerusform>%n lines removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n line added</numerusform>
            <numerusform>%n lines added</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::SecretDiffPane</name>
    <message numerus="yes">
        <source>The clipboard clears itself in %n second(s).</source>
        <translation>
            <numerusform>The clipboard clears itself in %n second.</numerusform>
            <numerusform>The clipboard clears itself in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::SecretValuePane</name>
    <message numerus="yes">
        <source>Copied. The clipboard clears itself in %n second(s).</source>
        <translation>
            <numerusform>Copied. The clipboard clears itself in %n second.</numerusform>
            <numerusform>Copied. The clipboard clears itself in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n byte(s); save to store them as a new version.</source>
        <translation>
            <numerusform>Loaded %n byte; save to store it as a new version.</numerusform>
            <numerusform>Loaded %n bytes; save to store them as a new version.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plain text, %n character(s), hidden.
Reveal All to see and edit it.</source>
        <translation>
            <numerusform>Plain text, %n character, hidden.
Reveal All to see and edit it.</numerusform>
            <numerusform>Plain text, %n characters, hidden.
Reveal All to see and edit it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Binary, %n byte(s), hidden.
Reveal All to see it as hex or base64, or save it to a file.</source>
        <translation>
            <numerusform>Binary, %n byte, hidden.
Reveal All to see it as hex or base64, or save it to a file.</numerusform>
            <numerusform>Binary, %n bytes, hidden.
Reveal All to see it as hex or base64, or save it to a file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %1 (and %n more error(s) above).</source>
        <translation>
            <numerusform>Not saved: %1 (and %n more error above).</numerusform>
            <numerusform>Not saved: %1 (and %n more errors above).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Save Anyway, with %n error(s)</source>
        <translation>
            <numerusform>Save Anyway, with %n error</numerusform>
            <numerusform>Save Anyway, with %n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::SecretVersionDialog</name>
    <message numerus="yes">
        <source>Plain text, %n character(s), hidden.</source>
        <translation>
            <numerusform>Plain text, %n character, hidden.</numerusform>
            <numerusform>Plain text, %n characters, hidden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::SsoProfileDialog</name>
    <message numerus="yes">
        <source>Signed in: %n account(s). Choose an account and a role.</source>
        <translation>
            <numerusform>Signed in: %n account. Choose an account and a role.</numerusform>
            <numerusform>Signed in: %n accounts. Choose an account and a role.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Account %1: %n role(s).</source>
        <translation>
            <numerusform>Account %1: %n role.</numerusform>
            <numerusform>Account %1: %n roles.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::cli::CliCommand</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coffer::json</name>
    <message numerus="yes">
        <source>Index %1 is past the end of %2 (%n item(s)).</source>
        <translation>
            <numerusform>Index %1 is past the end of %2 (%n item).</numerusform>
            <numerusform>Index %1 is past the end of %2 (%n items).</numerusform>
        </translation>
    </message>
</context>
</TS>
