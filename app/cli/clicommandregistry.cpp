// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clicommandregistry.h"

#include <QCoreApplication>

#include <algorithm>

namespace coffer::cli {

QString CliCommand::tr(const char *text)
{
    return QCoreApplication::translate("coffer::cli::CliCommand", text);
}

bool registerCliCommand(std::unique_ptr<CliCommand> (*factory)())
{
    CliCommandRegistry::instance().addFactory(factory);
    return true;
}

CliCommandRegistry &CliCommandRegistry::instance()
{
    // A function-local static: commands register from static initialisers of other files,
    // whose order C++ leaves open.
    static CliCommandRegistry registry;
    return registry;
}

void CliCommandRegistry::addFactory(Factory factory)
{
    Q_ASSERT(!m_built);
    m_factories.push_back(factory);
}

void CliCommandRegistry::build()
{
    if (m_built)
        return;
    m_built = true;
    for (const Factory factory : m_factories)
        m_commands.push_back(factory());
    std::ranges::sort(m_commands, [](const auto &a, const auto &b) {
        if (a->group() != b->group())
            return a->group() < b->group();
        return a->name() < b->name();
    });
}

QList<CliCommand *> CliCommandRegistry::commands()
{
    build();
    QList<CliCommand *> result;
    for (const auto &command : m_commands)
        result.append(command.get());
    return result;
}

CliCommand *CliCommandRegistry::find(const QString &name)
{
    build();
    for (const auto &command : m_commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

} // namespace coffer::cli
