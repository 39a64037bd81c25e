// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// DiffExport: a masked export never contains a value that was not revealed, whatever the kind
// of value; a revealed JSON Patch really turns the old value into the new one (checked with
// Python's json module, which no one here wrote).
#include "models/diff/diffexport.h"
#include "models/diff/fingerprint.h"
#include "models/diff/secretdiff.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using diff::DiffExport;
using diff::ExportOptions;
using diff::SecretDiff;

namespace {

// Distinctive values: none of them may appear in a masked export.
const QString kOldPassword = u"Xq9-OLD-PASSWORD-alpha-71625"_s;
const QString kNewPassword = u"Xq9-NEW-PASSWORD-bravo-98031"_s;
const QString kOldToken = u"Xq9-OLD-TOKEN-charlie-44120"_s;
const QString kNewToken = u"Xq9-NEW-TOKEN-delta-55873"_s;
const QString kAddedValue = u"Xq9-ADDED-echo-12345"_s;
const QString kRemovedValue = u"Xq9-REMOVED-foxtrot-67890"_s;
const QString kNestedValue = u"Xq9-NESTED-golf-24680"_s;
const QString kArrayValue = u"Xq9-ARRAY-hotel-13579"_s;
const QString kKeepValue = u"Xq9-KEEP-india-11223"_s;

QStringList allSecrets()
{
    return { kOldPassword, kNewPassword, kOldToken,  kNewToken, kAddedValue,
             kRemovedValue, kNestedValue, kArrayValue, kKeepValue };
}

QString oldJson()
{
    return uR"({
  "db": {"host": "db.internal", "password": "%1", "port": 5432},
  "token": "%2",
  "legacy": "%3",
  "keys": [{"kid": "k1", "secret": "%4"}, "%5"],
  "keep": "%6",
  "flag": 1,
  "order": [1, 2, 3]
})"_s.arg(kOldPassword, kOldToken, kRemovedValue, kNestedValue, kArrayValue, kKeepValue);
}

QString newJson()
{
    return uR"({
  "flag": "1",
  "db": {"host": "db.internal", "password": "%1", "port": 5432},
  "token": "%2",
  "added": {"inner": "%3", "list": ["%3", 12345678901234567890123]},
  "keys": [{"kid": "k1", "secret": "%4-v2"}, "%5", {"kid": "k2", "secret": "%4-new"}],
  "keep": "%6",
  "order": [3, 1, 2]
})"_s.arg(kNewPassword, kNewToken, kAddedValue, kNestedValue, kArrayValue, kKeepValue);
}

QStringList leaked(const QString &output, const QStringList &secrets)
{
    QStringList found;
    for (const QString &secret : secrets) {
        // Also parts of a value, and the value as base64.
        if (output.contains(secret) || output.contains(secret.left(14))
            || output.contains(secret.mid(10))
            || output.contains(QString::fromLatin1(secret.toUtf8().toBase64())))
            found << secret;
    }
    return found;
}

// Applies the patch with Python's json module (RFC 6902 add/remove/replace/move) and says
// whether the result equals `after` as JSON data.
QString applyWithPython(const QByteArray &before, const QByteArray &patch, const QByteArray &after)
{
    static const char *const script = R"PY(
import json, sys
def unescape(token): return token.replace('~1', '/').replace('~0', '~')
def split(path): return [unescape(t) for t in path.split('/')[1:]] if path else []
def parent(doc, tokens):
    for t in tokens[:-1]:
        doc = doc[int(t)] if isinstance(doc, list) else doc[t]
    return doc
def get(doc, path):
    for t in split(path):
        doc = doc[int(t)] if isinstance(doc, list) else doc[t]
    return doc
def remove(doc, path):
    tokens = split(path); p = parent(doc, tokens); last = tokens[-1]
    return p.pop(int(last)) if isinstance(p, list) else p.pop(last)
def add(doc, path, value):
    tokens = split(path)
    if not tokens: return value
    p = parent(doc, tokens); last = tokens[-1]
    if isinstance(p, list):
        index = len(p) if last == '-' else int(last)
        assert 0 <= index <= len(p), path
        p.insert(index, value)
    else:
        p[last] = value
    return doc
data = json.load(open(sys.argv[1]))
patch = json.load(open(sys.argv[2]))
expected = json.load(open(sys.argv[3]))
for op in patch:
    kind = op['op']
    if kind == 'add': data = add(data, op['path'], op['value'])
    elif kind == 'remove': remove(data, op['path'])
    elif kind == 'replace':
        if op['path'] == '': data = op['value']
        else: get(data, op['path']); remove(data, op['path']); data = add(data, op['path'], op['value'])
    elif kind == 'move': data = add(data, op['path'], remove(data, op['from']))
    else: raise SystemExit('unknown op ' + kind)
print('equal' if data == expected else 'different: ' + json.dumps(data))
)PY";
    QTemporaryDir dir;
    const QStringList names { u"before.json"_s, u"patch.json"_s, u"after.json"_s };
    const QList<QByteArray> contents { before, patch, after };
    QStringList paths;
    for (int i = 0; i < 3; ++i) {
        QFile file(dir.filePath(names[i]));
        if (!file.open(QIODevice::WriteOnly))
            return u"cannot write"_s;
        file.write(contents[i]);
        paths << file.fileName();
    }
    QProcess python;
    python.start(u"/usr/bin/python3"_s, QStringList { u"-c"_s, QString::fromUtf8(script) } + paths);
    python.waitForFinished(30000);
    return QString::fromUtf8(python.readAllStandardOutput() + python.readAllStandardError())
        .trimmed();
}

SecretDiff stringDiff(const QString &before, const QString &after)
{
    return SecretDiff::compare(before, std::nullopt, after, std::nullopt);
}

} // namespace

class TestDiffExport final : public QObject
{
    Q_OBJECT

private slots:
    void testNothingLeaksWhenMasked_data();
    void testNothingLeaksWhenMasked();
    void testJsonUnifiedLines();
    void testRevealedPathsOnly();
    void testRevealedPatchAppliesWithPython_data();
    void testRevealedPatchAppliesWithPython();
    void testMaskedTextShowsLineNumbers();
    void testBinaryAndKindChanged();
    void testEqualValues();
    void testFingerprint();
};

void TestDiffExport::testNothingLeaksWhenMasked_data()
{
    QTest::addColumn<SecretDiff>("diff");
    QTest::newRow("json") << stringDiff(oldJson(), newJson());
    QTest::newRow("json, root replaced")
        << stringDiff(uR"({"a": "%1"})"_s.arg(kOldToken), uR"(["%1"])"_s.arg(kNewToken));
    QTest::newRow("text") << stringDiff(u"user=admin\npassword=%1\ntoken=%2\n%3\n"_s.arg(
                                            kOldPassword, kOldToken, kKeepValue),
                                        u"user=admin\npassword=%1\ntoken=%2\n%3\n"_s.arg(
                                            kNewPassword, kNewToken, kKeepValue));
    QTest::newRow("plain token") << stringDiff(kOldToken, kNewToken);
    QTest::newRow("json to text") << stringDiff(uR"({"p": "%1"})"_s.arg(kOldPassword),
                                                u"p=%1"_s.arg(kNewPassword));
    QTest::newRow("binary") << SecretDiff::compare(std::nullopt, kOldPassword.toUtf8(),
                                                   std::nullopt, kNewPassword.toUtf8());
    QTest::newRow("text to binary") << SecretDiff::compare(kOldToken, std::nullopt, std::nullopt,
                                                           kNewToken.toUtf8());
    QTest::newRow("binary to json") << SecretDiff::compare(
        std::nullopt, kOldToken.toUtf8(), uR"({"t": "%1"})"_s.arg(kNewToken), std::nullopt);
}

void TestDiffExport::testNothingLeaksWhenMasked()
{
    QFETCH(SecretDiff, diff);
    QVERIFY(!diff.isEqual());

    ExportOptions masked;
    masked.oldLabel = u"app/prod@AWSPREVIOUS"_s;
    const QString unified = DiffExport::unified(diff, masked);
    const QString patch = QString::fromUtf8(DiffExport::jsonPatch(diff, masked));
    QVERIFY(!unified.isEmpty());
    QVERIFY(patch != u"[]\n"_s);
    QVERIFY2(leaked(unified, allSecrets()).isEmpty(), qPrintable(unified));
    QVERIFY2(leaked(patch, allSecrets()).isEmpty(), qPrintable(patch));
    QVERIFY(unified.contains(u"<hidden "_s));
    QVERIFY(patch.contains(u"<hidden sha256:"_s) || !patch.contains(u"\"value\""_s));
    QVERIFY(unified.startsWith(u"--- app/prod@AWSPREVIOUS\n+++ b\n"_s));

    // Revealed, the changed values are there.
    ExportOptions revealed;
    revealed.revealValues = true;
    const QString shown = DiffExport::unified(diff, revealed)
        + QString::fromUtf8(DiffExport::jsonPatch(diff, revealed));
    QVERIFY2(!leaked(shown, allSecrets()).isEmpty(), qPrintable(shown));
}

void TestDiffExport::testJsonUnifiedLines()
{
    const SecretDiff diff = stringDiff(oldJson(), newJson());
    QCOMPARE(diff.kind(), SecretDiff::Kind::Json);
    const QString unified = DiffExport::unified(diff);
    const QString password = u"~ /db/password: <hidden %1> → <hidden %2>\n"_s.arg(
        diff::Fingerprint::ofText(kOldPassword), diff::Fingerprint::ofText(kNewPassword));
    QVERIFY2(unified.contains(password), qPrintable(unified));
    QVERIFY(unified.contains(u"- /legacy: <hidden "_s));
    QVERIFY(unified.contains(u"+ /added: <hidden object "_s));
    QVERIFY(unified.contains(u"~ /flag: number → string: <hidden "_s));
    QVERIFY(unified.contains(u"> /flag: moved, position 5 → 0\n"_s));
    QVERIFY(unified.contains(u"> /order/2 → /order/0: moved\n"_s));
    QVERIFY(unified.contains(u"~ /keys/0/secret: <hidden "_s));
    QVERIFY(unified.contains(u"+ /keys/2: <hidden object "_s));
    QVERIFY(!unified.contains(u"/keep"_s));
    QVERIFY(!unified.contains(u"/db/host"_s));
}

void TestDiffExport::testRevealedPathsOnly()
{
    const SecretDiff diff = stringDiff(oldJson(), newJson());
    ExportOptions options;
    options.revealedPaths = { u"/db/password"_s, u"/added"_s };
    const QString unified = DiffExport::unified(diff, options);
    const QString patch = QString::fromUtf8(DiffExport::jsonPatch(diff, options));
    for (const QString &output : { unified, patch }) {
        QVERIFY2(output.contains(kNewPassword), qPrintable(output));
        QVERIFY(output.contains(kAddedValue)); // below a revealed path
        QVERIFY2(leaked(output, { kNewToken, kOldToken, kRemovedValue, kNestedValue, kKeepValue })
                     .isEmpty(),
                 qPrintable(output));
    }
    QVERIFY(unified.contains(kOldPassword)); // both sides of a revealed change
    QVERIFY(unified.contains(u"12345678901234567890123"_s)); // the exact token
}

void TestDiffExport::testRevealedPatchAppliesWithPython_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::newRow("secret") << oldJson() << newJson();
    QTest::newRow("arrays") << u"[1, 2, 3, 4, 5, [6, 7], {\"a\": [1]}]"_s
                            << u"[5, 1, 9, 3, 4, [6, 8, 7], {\"a\": [1, 2]}, 2]"_s;
    QTest::newRow("reordered and nested")
        << uR"({"a": {"x": 1, "y": [1, 2]}, "b": [{"k": 1}, {"k": 2}], "c/d": {"~": 1}})"_s
        << uR"({"c/d": {"~": 2}, "b": [{"k": 2}, {"k": 1, "n": 1}], "a": {"y": [2], "z": null}})"_s;
    QTest::newRow("root type") << u"{\"a\": 1}"_s << u"[1, 2]"_s;
    QTest::newRow("text") << u"one\ntwo\n"_s << u"one\n2\n"_s;
}

void TestDiffExport::testRevealedPatchAppliesWithPython()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    const SecretDiff diff = stringDiff(before, after);
    ExportOptions options;
    options.revealValues = true;
    const QByteArray patch = DiffExport::jsonPatch(diff, options);
    // For text values the patch replaces the whole value, a JSON string.
    const bool text = diff.kind() == SecretDiff::Kind::Text;
    auto asJson = [text](const QString &value) {
        return text ? "\"" + value.toUtf8().replace("\n", "\\n") + "\"" : value.toUtf8();
    };
    QCOMPARE(applyWithPython(asJson(before), patch, asJson(after)), u"equal"_s);
}

void TestDiffExport::testMaskedTextShowsLineNumbers()
{
    const SecretDiff diff
        = stringDiff(u"a\nb\n%1\nd\n"_s.arg(kOldToken), u"a\nb\n%1\nd\ne\n"_s.arg(kNewToken));
    QCOMPARE(diff.kind(), SecretDiff::Kind::Text);
    const QString expected = u"--- a\n+++ b\n@@ -3 +3 @@\n-line 3: <hidden %1>\n+line 3: "
                             "<hidden %2>\n@@ -4,0 +5 @@\n+line 5: <hidden %3>\n"_s
                                 .arg(diff::Fingerprint::ofText(kOldToken),
                                      diff::Fingerprint::ofText(kNewToken),
                                      diff::Fingerprint::ofText(u"e"));
    QCOMPARE(DiffExport::unified(diff), expected);
    ExportOptions options;
    options.revealValues = true;
    QVERIFY(DiffExport::unified(diff, options).contains(u"\n+"_s + kNewToken + u'\n'));
}

void TestDiffExport::testBinaryAndKindChanged()
{
    const QByteArray oldBytes("\x00\x01\x02\x03", 4);
    const QByteArray newBytes("\x00\x01\x07\x03\x04", 5);
    const SecretDiff binary
        = SecretDiff::compare(std::nullopt, oldBytes, std::nullopt, newBytes);
    QCOMPARE(binary.kind(), SecretDiff::Kind::Binary);
    QCOMPARE(binary.binaryComparison().firstDifference, 2);
    QCOMPARE(DiffExport::unified(binary),
             u"--- a\n+++ b\n~ (root): binary values differ: binary (4 bytes) <hidden %1> → "
             "binary (5 bytes) <hidden %2>, first difference at byte 2\n"_s
                 .arg(diff::Fingerprint::of(oldBytes), diff::Fingerprint::of(newBytes)));

    const SecretDiff changed = SecretDiff::compare(u"{\"a\": 1}"_s, std::nullopt, std::nullopt,
                                                   newBytes);
    QCOMPARE(changed.kind(), SecretDiff::Kind::KindChanged);
    QCOMPARE(changed.oldKind(), SecretDiff::ValueKind::Json);
    QCOMPARE(changed.newKind(), SecretDiff::ValueKind::Binary);
    QVERIFY(DiffExport::unified(changed).contains(u"value kind changed: json (8 bytes)"_s));
    QCOMPARE(changed.summary(), u"Changed from text to binary"_s);
}

void TestDiffExport::testEqualValues()
{
    const SecretDiff same = stringDiff(oldJson(), oldJson());
    QVERIFY(same.isEqual());
    QCOMPARE(DiffExport::unified(same), QString());
    QCOMPARE(DiffExport::jsonPatch(same), QByteArray("[]\n"));

    const SecretDiff layout = stringDiff(u"{\"a\": [1, 2]}"_s, u"{\n  \"a\": [\n    1,\n    2\n  ]\n}\n"_s);
    QVERIFY(!layout.isEqual());
    QVERIFY(layout.isFormattingOnly());
    QCOMPARE(DiffExport::jsonPatch(layout), QByteArray("[]\n"));
    QVERIFY(DiffExport::unified(layout).contains(u"formatting"_s));
}

void TestDiffExport::testFingerprint()
{
    // sha256("coffer-fp:hello") computed independently:
    //   printf 'coffer-fp:hello' | sha256sum
    QProcess shell;
    shell.start(u"/bin/sh"_s, { u"-c"_s, u"printf 'coffer-fp:hello' | sha256sum"_s });
    QVERIFY(shell.waitForFinished(10000));
    const QString expected = QString::fromLatin1(shell.readAllStandardOutput().left(8));
    QCOMPARE(diff::Fingerprint::ofText(u"hello"), expected);
    QCOMPARE(diff::Fingerprint::of("hello"), expected);
    QCOMPARE(diff::Fingerprint::ofText(u"hello").size(), 8);
    QVERIFY(diff::Fingerprint::ofText(u"hello") != diff::Fingerprint::ofText(u"hellp"));
}

QTEST_GUILESS_MAIN(TestDiffExport)
#include "testdiffexport.moc"
