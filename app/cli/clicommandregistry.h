// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/clicommand.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace coffer::cli {

/**
 * Every command of coffer-cli. Commands register themselves with COFFER_CLI_COMMAND (see
 * clicommand.h) while the program starts; the registry builds them on first use and lists them
 * by group, then by name.
 */
class CliCommandRegistry final
{
public:
    using Factory = std::unique_ptr<CliCommand> (*)();

    [[nodiscard]] static CliCommandRegistry &instance();

    void addFactory(Factory factory);
    /// All commands, sorted by group, then name.
    [[nodiscard]] QList<CliCommand *> commands();
    /// The command called `name`, or nullptr.
    [[nodiscard]] CliCommand *find(const QString &name);

private:
    CliCommandRegistry() = default;
    void build();

    std::vector<Factory> m_factories;
    std::vector<std::unique_ptr<CliCommand>> m_commands;
    bool m_built = false;
};

} // namespace coffer::cli
