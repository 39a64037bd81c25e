// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/content/contentfinding.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>

namespace coffer::aws {
class SecretsManagerClient;
}

namespace coffer::content {

class SchemaSet;

/**
 * Reads secrets and runs ContentInspector on each: the current value, the earlier versions
 * (the ten most recent, deprecated ones included, or all with `allVersions`) and the sibling
 * environment's secret, one secret after the other. Values are read, inspected and dropped; only
 * findings are kept. Used by `coffer-cli lint` and the Content check of the diagnostics.
 *
 *     auto *scan = new ContentScan(client, {u"benchling-webhook/credentials"_s}, false, this);
 *     connect(scan, &ContentScan::secretInspected, this, [](const QString &name, const
 * QList<ContentFinding> &f) {...}); connect(scan, &ContentScan::finished, this, [] {...});
 *     scan->start();
 */
class ContentScan final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContentScan)

public:
    ContentScan(aws::SecretsManagerClient *client, QStringList names, bool allVersions,
                QObject *parent = nullptr);
    ~ContentScan() override;

    /// The JSON Schemas to check each secret against (none by default); call before start().
    void setSchemaSet(std::shared_ptr<const SchemaSet> schemas) { m_schemas = std::move(schemas); }

    void start();
    [[nodiscard]] bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void secretInspected(const QString &name,
                         const QList<coffer::content::ContentFinding> &findings);
    void secretFailed(const QString &name, const coffer::aws::AwsError &error);
    void finished();

private:
    struct Pending;
    void next();

    QPointer<aws::SecretsManagerClient> m_client;
    QStringList m_names;
    std::shared_ptr<const SchemaSet> m_schemas;
    bool m_allVersions = false;
    int m_index = 0;
    bool m_finished = false;
};

} // namespace coffer::content
