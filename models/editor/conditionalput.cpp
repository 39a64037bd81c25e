// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/editor/conditionalput.h"

#include "models/aws/awscall.h"
#include "models/aws/secretsmanagerclient.h"

using namespace Qt::StringLiterals;

namespace coffer {

namespace {
const auto currentStage = u"AWSCURRENT"_s;
} // namespace

bool ConditionalPut::isUnconfirmed(const aws::AwsError &error)
{
    // No answer, or one that says nothing about whether the write landed.
    switch (error.kind) {
    case aws::ErrorKind::Timeout:
    case aws::ErrorKind::NetworkFailure:
    case aws::ErrorKind::ProtocolError:
    case aws::ErrorKind::InternalServiceError:
    case aws::ErrorKind::ServiceUnavailable:
    case aws::ErrorKind::Throttling:
        return true;
    default:
        return error.httpStatus >= 500;
    }
}

aws::AwsError ConditionalPut::conflictError(const QString &current, const QString &expected)
{
    aws::AwsError error;
    error.kind = aws::ErrorKind::PreconditionNotMet;
    error.code = u"VersionConflict"_s;
    error.message = tr("AWSCURRENT is version %1, not %2: someone saved a newer version. Nothing was "
                       "written; read the secret again and redo the change.")
                            .arg(current, expected);
    return error;
}

QString ConditionalPut::currentVersionOf(const aws::SecretMetadata &metadata)
{
    for (auto it = metadata.versionIdsToStages.cbegin(); it != metadata.versionIdsToStages.cend(); ++it) {
        if (it.value().contains(currentStage))
            return it.key();
    }
    return {};
}

ConditionalPut::ConditionalPut(aws::SecretsManagerClient *client, Request request, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
{
}

ConditionalPut::~ConditionalPut()
{
    cancel();
}

void ConditionalPut::cancel()
{
    m_running = false;
    if (m_call)
        m_call->cancel();
    m_call = nullptr;
}

void ConditionalPut::setCall(aws::AwsCall *call)
{
    m_call = call;
}

QString ConditionalPut::draftStage() const
{
    return draftStagePrefix() + m_request.clientRequestToken;
}

void ConditionalPut::start()
{
    if (m_running)
        return;
    m_running = true;
    m_outcome = Outcome::Pending;
    m_note.clear();
    if (!m_client) {
        m_error = aws::AwsError::configuration(tr("There is no connection to save with."));
        finish(Outcome::Failed);
        return;
    }
    if (m_request.checkThenPut) {
        m_note = tr("Saved by checking AWSCURRENT first, then writing: this identity may not call "
                    "secretsmanager:UpdateSecretVersionStage, so a writer in between could not be "
                    "ruled out. Grant it to save with a true compare-and-swap.");
        checkCurrentThenPut();
    } else {
        putDraft();
    }
}

void ConditionalPut::finish(Outcome outcome)
{
    m_call = nullptr;
    if (!m_running)
        return;
    m_running = false;
    m_outcome = outcome;
    Q_EMIT finished();
}

void ConditionalPut::failNotSaved(aws::AwsError error)
{
    error.message = tr("%1 Coffer checked afterwards: the save did not land, nothing was written; "
                       "save again.")
                            .arg(error.message);
    m_error = std::move(error);
    finish(Outcome::Failed);
}

void ConditionalPut::putDraft()
{
    // Step 1: the new version under a label of its own, so it is not AWSCURRENT yet.
    aws::PutSecretValueRequest put;
    put.secretId = m_request.secretId;
    put.secretString = m_request.secretString;
    put.secretBinary = m_request.secretBinary;
    put.clientRequestToken = m_request.clientRequestToken;
    put.versionStages = {draftStage()};
    setCall(m_client->putSecretValue(put, this, [this](aws::Result<aws::PutSecretValueResult> result) {
        setCall(nullptr);
        if (result) {
            moveCurrent(result->versionId);
            return;
        }
        if (result.error().kind == aws::ErrorKind::Cancelled)
            return;
        if (!isUnconfirmed(result.error())) {
            m_error = result.error();
            finish(Outcome::Failed);
            return;
        }
        // The answer was lost: the version id is the request token, so ask whether it exists.
        const aws::AwsError lost = result.error();
        aws::GetSecretValueRequest probe;
        probe.secretId = m_request.secretId;
        probe.versionId = m_request.clientRequestToken;
        setCall(m_client->getSecretValue(probe, this, [this, lost](aws::Result<aws::SecretValue> found) {
            setCall(nullptr);
            if (found)
                moveCurrent(found->versionId);
            else
                failNotSaved(lost);
        }));
    }));
}

void ConditionalPut::moveCurrent(const QString &versionId)
{
    // Step 2: AWSCURRENT moves only if it is still on the expected version.
    aws::UpdateSecretVersionStageRequest move;
    move.secretId = m_request.secretId;
    move.versionStage = currentStage;
    move.moveToVersionId = versionId;
    move.removeFromVersionId = m_request.expectedVersionId;
    setCall(m_client->updateSecretVersionStage(move, this, [this, versionId](aws::Result<aws::SecretIdentity> moved) {
        setCall(nullptr);
        if (moved) {
            dropDraft(versionId, [this, versionId] {
                m_versionId = versionId;
                finish(Outcome::Saved);
            });
            return;
        }
        if (moved.error().kind == aws::ErrorKind::Cancelled)
            return;
        if (moved.error().kind == aws::ErrorKind::AccessDenied) {
            // May write values but not move labels: the older way, said out loud. The unused
            // draft keeps its label, which only a label move could take off.
            m_labelMovesDenied = true;
            m_request.checkThenPut = true;
            m_note = tr("Saved by checking AWSCURRENT first, then writing: this identity may not call "
                        "secretsmanager:UpdateSecretVersionStage, so a writer in between could not be "
                        "ruled out. Grant it to save with a true compare-and-swap. The unused version "
                        "%1 keeps the label %2.")
                             .arg(versionId, draftStage());
            m_request.clientRequestToken = aws::SecretsManagerClient::generateClientRequestToken();
            checkCurrentThenPut();
            return;
        }
        settleMove(versionId, moved.error());
    }));
}

void ConditionalPut::settleMove(const QString &versionId, const aws::AwsError &error)
{
    // The move was refused, or its answer lost: where AWSCURRENT is now decides.
    setCall(m_client->describeSecret(m_request.secretId, this,
                                     [this, versionId, error](aws::Result<aws::SecretMetadata> metadata) {
        setCall(nullptr);
        if (!metadata) {
            if (isUnconfirmed(error)) {
                m_error = error;
                m_error.message = tr("%1 Whether the save landed is not known: read the secret "
                                     "again before saving.")
                                          .arg(error.message);
            } else {
                m_error = error;
            }
            finish(Outcome::Failed);
            return;
        }
        const QString current = currentVersionOf(*metadata);
        if (current == versionId) {
            // Our own move landed; only its answer was lost.
            dropDraft(versionId, [this, versionId] {
                m_versionId = versionId;
                finish(Outcome::Saved);
            });
            return;
        }
        if (!current.isEmpty() && current != m_request.expectedVersionId) {
            dropDraft(versionId, [this, current] {
                m_currentVersionId = current;
                finish(Outcome::Conflict);
            });
            return;
        }
        dropDraft(versionId, [this, error] {
            if (isUnconfirmed(error)) {
                failNotSaved(error);
                return;
            }
            m_error = error;
            finish(Outcome::Failed);
        });
    }));
}

void ConditionalPut::dropDraft(const QString &versionId, std::function<void()> then)
{
    // Step 3: the private label goes; a leftover label would harm nobody's reads.
    aws::UpdateSecretVersionStageRequest drop;
    drop.secretId = m_request.secretId;
    drop.versionStage = draftStage();
    drop.removeFromVersionId = versionId;
    setCall(m_client->updateSecretVersionStage(drop, this,
                                               [this, then = std::move(then)](aws::Result<aws::SecretIdentity> dropped) {
                                                   setCall(nullptr);
                                                   if (!dropped && dropped.error().kind == aws::ErrorKind::Cancelled)
                                                       return;
                                                   then();
                                               }));
}

void ConditionalPut::checkCurrentThenPut()
{
    setCall(m_client->describeSecret(m_request.secretId, this, [this](aws::Result<aws::SecretMetadata> metadata) {
        setCall(nullptr);
        if (!metadata) {
            if (metadata.error().kind == aws::ErrorKind::Cancelled)
                return;
            m_error = metadata.error();
            finish(Outcome::Failed);
            return;
        }
        const QString current = currentVersionOf(*metadata);
        if (current == m_request.clientRequestToken) {
            m_versionId = current;   // an earlier attempt with this token landed
            finish(Outcome::Saved);
        } else if (current == m_request.expectedVersionId) {
            putCurrent();
        } else {
            m_currentVersionId = current;
            finish(Outcome::Conflict);
        }
    }));
}

void ConditionalPut::putCurrent()
{
    aws::PutSecretValueRequest put;
    put.secretId = m_request.secretId;
    put.secretString = m_request.secretString;
    put.secretBinary = m_request.secretBinary;
    put.clientRequestToken = m_request.clientRequestToken;
    setCall(m_client->putSecretValue(put, this, [this](aws::Result<aws::PutSecretValueResult> result) {
        setCall(nullptr);
        if (result) {
            m_versionId = result->versionId;
            finish(Outcome::Saved);
            return;
        }
        if (result.error().kind == aws::ErrorKind::Cancelled)
            return;
        if (!isUnconfirmed(result.error())) {
            m_error = result.error();
            finish(Outcome::Failed);
            return;
        }
        const aws::AwsError lost = result.error();
        setCall(m_client->describeSecret(m_request.secretId, this, [this, lost](aws::Result<aws::SecretMetadata> metadata) {
            setCall(nullptr);
            if (metadata && currentVersionOf(*metadata) == m_request.clientRequestToken) {
                m_versionId = m_request.clientRequestToken;
                finish(Outcome::Saved);
            } else {
                failNotSaved(lost);
            }
        }));
    }));
}

} // namespace coffer
