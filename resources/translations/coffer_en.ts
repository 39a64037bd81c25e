<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms for strings that count. Regenerate the message list with
     /usr/lib/qt6/bin/lupdate app models views -ts resources/translations/coffer_en.ts -->
<TS version="2.1" language="en_US">
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
    <name>coffer::SecretDetailsPane</name>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Every day</numerusform>
            <numerusform>Every %n days</numerusform>
        </translation>
    </message>
</context>
</TS>
