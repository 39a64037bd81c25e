// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace coffer::test {

/// The project's source folder (COFFER_SOURCE_DIR, set by CTest).
QString sourceDir();
/// The shared folder beside the checkout (../shared), or an empty string when it is absent.
QString sharedDir();
/// The build folder (COFFER_BINARY_DIR, set by CTest).
QString binaryDir();
/// Path of the coffer-cli executable under test (COFFER_CLI, set by CTest).
QString cliPath();
/// Path of the coffer GUI executable under test (COFFER_GUI, set by CTest).
QString guiPath();
/// The python3 that carries Debian's python3-botocore: /usr/bin/python3 first, because a
/// python3 earlier on PATH (pyenv, a virtualenv) may carry another botocore, or none.
QString botocorePython();

/// The files under `folder` (hidden ones too, recursively) that hold `needle` as it is, in
/// base64, in hex or in UTF-16: the canary scan that proves a secret reached no file. Files under
/// a folder of `allowed` (where the secret belongs, such as the SSO token cache) are not searched.
QStringList filesContaining(const QString &folder, const QByteArray &needle,
                            const QStringList &allowed = {});

} // namespace coffer::test
