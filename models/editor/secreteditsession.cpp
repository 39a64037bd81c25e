// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/editor/secreteditsession.h"

#include "models/aws/awscall.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/diff/jsonmerge.h"
#include "models/editor/jsontreemodel.h"
#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"

using namespace Qt::StringLiterals;

namespace coffer {

namespace {
const auto currentStage = u"AWSCURRENT"_s;

// A JSON object or array is edited as a tree; any other text (a token, a PEM, `42`) as text.
std::optional<json::JsonDocument> parseEditableJson(const QString &text)
{
    auto document = json::JsonDocument::parse(text.toUtf8());
    if (!document || document->root()->isScalar())
        return std::nullopt;
    return std::move(*document);
}
} // namespace

SecretEditSession::SecretEditSession(aws::SecretsManagerClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_jsonModel(new JsonTreeModel(this))
{
    connect(m_jsonModel, &JsonTreeModel::modifiedChanged, this, &SecretEditSession::updateModified);
}

SecretEditSession::~SecretEditSession()
{
    // A cancelled call still answers (with Cancelled): nobody is listening any more.
    blockSignals(true);
    if (m_call)
        m_call->cancel();
}

void SecretEditSession::setCall(aws::AwsCall *call)
{
    const bool wasBusy = isBusy();
    m_call = call;
    if (wasBusy != isBusy())
        emit busyChanged(isBusy());
}

void SecretEditSession::setClient(aws::SecretsManagerClient *client)
{
    m_client = client;
    load({});
}

void SecretEditSession::load(const QString &secretId)
{
    if (m_call)
        m_call->cancel();
    setCall(nullptr);
    m_conflict.reset();
    if (!m_client || secretId.isEmpty()) {
        adopt({});
        emit loadFinished();
        return;
    }
    aws::GetSecretValueRequest request;
    request.secretId = secretId;
    setCall(m_client->getSecretValue(
        request, this, [this](aws::Result<aws::SecretValue> value) {
            setCall(nullptr);
            if (!value) {
                if (value.error().kind != aws::ErrorKind::Cancelled)
                    emit loadFailed(value.error());
                return;
            }
            adopt(*value);
            emit loadFinished();
        }));
}

void SecretEditSession::adopt(const aws::SecretValue &value)
{
    m_loaded = value;
    m_attemptToken.clear();
    m_attemptBytes.clear();
    if (!value.secretBinary && !value.secretString) {
        m_mode = Mode::Empty;
        m_text.clear();
        m_binary.clear();
    } else if (value.secretBinary) {
        m_mode = Mode::Binary;
        m_binary = *value.secretBinary;
        m_text.clear();
    } else if (auto document = parseEditableJson(value.secretString.value_or(QString()))) {
        m_mode = Mode::Json;
        m_jsonModel->setDocument(std::move(*document));
        m_text.clear();
    } else {
        m_mode = Mode::Text;
        m_text = value.secretString.value_or(QString());
    }
    if (m_mode != Mode::Json)
        m_jsonModel->setDocument(json::JsonDocument(json::JsonNode::makeObject()));
    updateModified();
}

void SecretEditSession::setText(const QString &text)
{
    m_text = text;
    updateModified();
}

void SecretEditSession::setBinary(const QByteArray &bytes)
{
    m_binary = bytes;
    updateModified();
}

bool SecretEditSession::isModified() const
{
    switch (m_mode) {
    case Mode::Json:
        return m_jsonModel->isModified();
    case Mode::Text:
        return m_text != m_loaded.secretString.value_or(QString());
    case Mode::Binary:
        return m_binary != m_loaded.secretBinary.value_or(QByteArray());
    case Mode::Empty:
        return false;
    }
    return false;
}

void SecretEditSession::updateModified()
{
    const bool modified = isModified();
    if (std::exchange(m_modified, modified) != modified)
        emit modifiedChanged(modified);
}

std::optional<QString> SecretEditSession::pendingSecretString() const
{
    switch (m_mode) {
    case Mode::Json:
        return QString::fromUtf8(m_jsonModel->toJson());
    case Mode::Text:
        return m_text;
    default:
        return std::nullopt;
    }
}

std::optional<QByteArray> SecretEditSession::pendingSecretBinary() const
{
    if (m_mode == Mode::Binary)
        return m_binary;
    return std::nullopt;
}

QString SecretEditSession::saveProblem() const
{
    if (m_mode == Mode::Empty)
        return tr("No secret is open.");
    const QByteArray bytes =
        m_mode == Mode::Binary ? m_binary : pendingSecretString().value_or(QString()).toUtf8();
    if (auto checked = aws::SecretConstraints::checkValue(bytes, m_mode == Mode::Binary); !checked)
        return tr("Cannot save: %1.").arg(checked.error());
    return {};
}

void SecretEditSession::save()
{
    if (isBusy())
        return;
    if (!isModified()) {
        emit saveRefused(tr("Nothing changed, so nothing was written."));
        return;
    }
    if (const QString problem = saveProblem(); !problem.isEmpty()) {
        emit saveRefused(problem);
        return;
    }
    checkCurrentThenPut();
}

void SecretEditSession::checkCurrentThenPut()
{
    if (!m_client)
        return;
    // Secrets Manager has no conditional write, so look first: if AWSCURRENT moved since the
    // value was loaded, someone else saved, and writing now would silently bury their change.
    setCall(m_client->describeSecret(
        m_loaded.arn.isEmpty() ? m_loaded.name : m_loaded.arn, this,
        [this](aws::Result<aws::SecretMetadata> metadata) {
            setCall(nullptr);
            if (!metadata) {
                emit saveFailed(metadata.error());
                return;
            }
            QString current;
            for (auto it = metadata->versionIdsToStages.cbegin();
                 it != metadata->versionIdsToStages.cend(); ++it) {
                if (it.value().contains(currentStage))
                    current = it.key();
            }
            if (current == m_loaded.versionId) {
                put();
                return;
            }
            aws::GetSecretValueRequest request;
            request.secretId = metadata->arn;
            request.versionId = current;
            setCall(m_client->getSecretValue(
                request, this, [this, current](aws::Result<aws::SecretValue> theirs) {
                    setCall(nullptr);
                    if (!theirs) {
                        emit saveFailed(theirs.error());
                        return;
                    }
                    m_conflict = Conflict { m_loaded.versionId, current, *theirs };
                    emit conflictDetected(*m_conflict);
                }));
        }));
}

void SecretEditSession::overwrite()
{
    if (!m_conflict || isBusy())
        return;
    m_conflict.reset();
    put();
}

void SecretEditSession::put()
{
    aws::PutSecretValueRequest request;
    request.secretId = m_loaded.arn.isEmpty() ? m_loaded.name : m_loaded.arn;
    request.secretString = pendingSecretString();
    request.secretBinary = pendingSecretBinary();
    const QByteArray bytes = request.secretBinary ? *request.secretBinary
                                                  : request.secretString->toUtf8();
    // The same value tried again keeps its token: if the last attempt did reach AWS, this one
    // is answered with that version instead of writing a second.
    if (m_attemptToken.isEmpty() || bytes != m_attemptBytes) {
        m_attemptToken = aws::SecretsManagerClient::generateClientRequestToken();
        m_attemptBytes = bytes;
    }
    request.clientRequestToken = m_attemptToken;
    setCall(m_client->putSecretValue(
        request, this, [this, request](aws::Result<aws::PutSecretValueResult> result) {
            setCall(nullptr);
            if (!result) {
                emit saveFailed(result.error());
                return;
            }
            aws::SecretValue written = m_loaded;
            written.versionId = result->versionId;
            written.versionStages = { currentStage };
            written.secretString = request.secretString;
            written.secretBinary = request.secretBinary;
            m_conflict.reset();
            adopt(written);
            emit saved(result->versionId);
        }));
}

std::expected<QStringList, QString> SecretEditSession::rebase()
{
    if (!m_conflict)
        return std::unexpected(tr("There is no newer version to rebase onto."));
    if (m_mode != Mode::Json)
        return std::unexpected(tr("Only JSON values can be rebased; overwrite or cancel."));
    auto theirs = parseEditableJson(m_conflict->current.secretString.value_or(QString()));
    if (!theirs)
        return std::unexpected(
            tr("The newer version is not a JSON object or array, so your edit cannot be "
               "replayed onto it; overwrite or cancel."));
    auto merged = diff::JsonMerge::rebase(m_jsonModel->loadedDocument(),
                                          m_jsonModel->document(), *theirs);
    const QByteArray mergedJson = merged.document.toJson();
    // Their version becomes what was loaded, and the replayed edit the pending change on top.
    const Conflict conflict = *m_conflict;
    adopt(conflict.current);
    if (!m_jsonModel->replaceAll(mergedJson))
        return std::unexpected(m_jsonModel->lastError());
    QStringList conflicts;
    for (const auto &path : merged.conflicts)
        conflicts << path.toString();
    return conflicts;
}

} // namespace coffer
