// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/sandbox/sandboxdatafolder.h"
#include "models/sandbox/sandboxstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace coffer::fuzz {

namespace {
/// The key every seed of fuzz/corpus/sandbox_datafolder was saved with.
QByteArray folderKey()
{
    return QByteArray(32, 'k');
}
} // namespace

int fuzzSandboxDataFolder(const uint8_t *data, size_t size)
{
    ensureApplication();
    // One folder for the whole run, emptied before each input.
    static QTemporaryDir folder;
    COFFER_FUZZ_CHECK(folder.isValid());
    QDir dir(folder.path());
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden))
        dir.remove(name);

    QFile file(dir.filePath(u"sandbox.json"_s));
    COFFER_FUZZ_CHECK(file.open(QIODevice::WriteOnly));
    COFFER_FUZZ_CHECK(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size));
    file.close();

    sandbox::SandboxStore store;
    sandbox::SandboxDataFolder dataFolder(folder.path(), folderKey());
    if (!dataFolder.load(store))
        return 0;
    // What loaded can be saved, and reads back the same.
    COFFER_FUZZ_CHECK(dataFolder.save(store).has_value());
    sandbox::SandboxStore reloaded;
    COFFER_FUZZ_CHECK(sandbox::SandboxDataFolder(folder.path(), folderKey()).load(reloaded).has_value());
    COFFER_FUZZ_CHECK(reloaded.secrets().size() == store.secrets().size());
    return 0;
}

} // namespace coffer::fuzz
