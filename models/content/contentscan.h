// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/content/contentfinding.h"
#include "models/content/contentinspector.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <optional>

namespace coffer::aws {
class SecretsManagerClient;
}

namespace coffer::content {

class SchemaSet;

/**
 * Reads secrets and runs ContentInspector on each: the current value, the earlier versions
 * (the ten most recent, deprecated ones included, or all with `allVersions`) and the sibling
 * environment's secret. Several secrets are read at once (setConcurrency(): 12 by default, as
 * many as AwsClient has connections to an endpoint; a scan is bound by round trips, not by CPU),
 * and the results are reported in the order of `names` whatever order they arrive in. Values are read, inspected and dropped; only findings are kept.
 * Used by `coffer-cli lint` and the Content check of the diagnostics.
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
    /// How many secrets are read at once (at least 1); call before start().
    void setConcurrency(int secrets) { m_concurrency = std::max(1, secrets); }
    /// Also hands over what was read (secretRead, just before secretInspected), for the
    /// editor, which inspects the value again as it is edited; off by default, so a scan keeps
    /// no value longer than one inspection.
    void setKeepInputs(bool keep) { m_keepInputs = keep; }

    void start();
    [[nodiscard]] bool isFinished() const { return m_finished; }

Q_SIGNALS:
    /// With setKeepInputs(true): everything ContentInspector was given for `input.name`.
    void secretRead(const coffer::content::ContentInput &input);
    void secretInspected(const QString &name,
                         const QList<coffer::content::ContentFinding> &findings);
    void secretFailed(const QString &name, const coffer::aws::AwsError &error);
    void finished();

private:
    struct Pending;
    /// What became of one secret: its findings, or the error that kept it from being read.
    struct Outcome
    {
        QList<ContentFinding> findings;
        std::optional<aws::AwsError> error;
        std::optional<ContentInput> input; ///< with m_keepInputs
    };
    /// Starts secrets until `m_concurrency` are in flight.
    void startMore();
    void inspect(qsizetype index);
    void settle(qsizetype index, Outcome outcome);
    /// Reports the settled outcomes that are next in order, then finishes after the last.
    void report();

    QPointer<aws::SecretsManagerClient> m_client;
    QStringList m_names;
    std::shared_ptr<const SchemaSet> m_schemas;
    bool m_allVersions = false;
    int m_concurrency = 12;
    bool m_keepInputs = false;
    qsizetype m_started = 0;
    qsizetype m_reported = 0;
    int m_inFlight = 0;
    QList<std::optional<Outcome>> m_outcomes;
    bool m_reporting = false;
    bool m_finished = false;
};

} // namespace coffer::content
