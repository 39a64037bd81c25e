// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/editor/secreteditsession.h"

#include "models/aws/awscall.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/diff/jsonmerge.h"
#include "models/editor/conditionalput.h"
#include "models/editor/jsontreemodel.h"
#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"

using namespace Qt::StringLiterals;

namespace coffer {

namespace {
const auto currentStage = u"AWSCURRENT"_s;
} // namespace

std::optional<json::JsonDocument> SecretEditSession::parseEditableJson(const QString &text)
{
    auto document = json::JsonDocument::parse(text.toUtf8());
    if (!document || document->root()->isScalar())
        return std::nullopt;
    return std::move(*document);
}

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
    delete m_put;
}

void SecretEditSession::setCall(aws::AwsCall *call)
{
    const bool wasBusy = isBusy();
    m_call = call;
    if (wasBusy != isBusy())
        emit busyChanged(isBusy());
}

aws::SecretsManagerClient *SecretEditSession::client() const
{
    return m_client;
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
    delete m_put;   // a save still under way is abandoned, not reported
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
    m_baseVersionId = m_loaded.versionId;
    startSave();
}

void SecretEditSession::overwrite()
{
    if (!m_conflict || isBusy())
        return;
    // Overwriting is still a compare-and-swap: against their version, the one the user saw.
    m_baseVersionId = m_conflict->currentVersionId;
    m_conflict.reset();
    startSave();
}

void SecretEditSession::startSave()
{
    if (!m_client)
        return;
    m_lastSaveNote.clear();
    const QByteArray bytes = m_mode == Mode::Binary ? m_binary : pendingSecretString().value_or(QString()).toUtf8();
    // The same value tried again keeps its token: if the last attempt did reach AWS, this one
    // is answered with that version instead of writing a second.
    if (m_attemptToken.isEmpty() || bytes != m_attemptBytes) {
        m_attemptToken = aws::SecretsManagerClient::generateClientRequestToken();
        m_attemptBytes = bytes;
    }
    ConditionalPut::Request request;
    request.secretId = secretId();
    request.secretString = pendingSecretString();
    request.secretBinary = pendingSecretBinary();
    request.clientRequestToken = m_attemptToken;
    request.expectedVersionId = m_baseVersionId;
    request.checkThenPut = m_labelMovesDenied;
    const bool wasBusy = isBusy();
    delete m_put;
    m_put = new ConditionalPut(m_client, request, this);
    connect(m_put, &ConditionalPut::finished, this, &SecretEditSession::putFinished);
    m_put->start();
    if (wasBusy != isBusy())
        emit busyChanged(isBusy());
}

QString SecretEditSession::secretId() const
{
    return m_loaded.arn.isEmpty() ? m_loaded.name : m_loaded.arn;
}

void SecretEditSession::putFinished()
{
    ConditionalPut *put = m_put;
    m_put = nullptr;
    put->deleteLater();
    m_lastSaveNote = put->note();
    m_labelMovesDenied = m_labelMovesDenied || put->labelMovesDenied();
    if (put->outcome() == ConditionalPut::Outcome::Conflict) {
        // Their value, so the user can rebase onto it or overwrite it knowingly.
        aws::GetSecretValueRequest request;
        request.secretId = secretId();
        request.versionId = put->currentVersionId();
        const QString current = put->currentVersionId();
        setCall(m_client->getSecretValue(request, this, [this, current](aws::Result<aws::SecretValue> theirs) {
            setCall(nullptr);
            if (!theirs) {
                emit saveFailed(theirs.error());
                return;
            }
            m_conflict = Conflict{m_baseVersionId, current, *theirs};
            emit conflictDetected(*m_conflict);
        }));
        return;
    }
    emit busyChanged(isBusy());
    if (put->outcome() != ConditionalPut::Outcome::Saved) {
        emit saveFailed(put->error());
        return;
    }
    aws::SecretValue written = m_loaded;
    written.versionId = put->versionId();
    written.versionStages = {currentStage};
    written.secretString = pendingSecretString();
    written.secretBinary = pendingSecretBinary();
    m_conflict.reset();
    adopt(written);
    emit saved(written.versionId);
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
