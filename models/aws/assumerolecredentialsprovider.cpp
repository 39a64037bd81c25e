// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/assumerolecredentialsprovider.h"

#include "models/aws/awsclirolecache.h"

#include <QObject>

#include <utility>

using namespace Qt::StringLiterals;

namespace coffer::aws {

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(
    AssumeRoleParams params, std::shared_ptr<CredentialsProvider> source,
    StsAssumeRoleFunction assumeRole)
    : RefreshingCredentialsProvider(std::chrono::minutes(5))
    , m_params(std::move(params))
    , m_source(std::move(source))
    , m_assumeRole(std::move(assumeRole))
{
    Q_ASSERT(m_source);
    m_params.sourceCredentials = {};
    m_params.mfaTokenCode.clear();
}

AssumeRoleCredentialsProvider::~AssumeRoleCredentialsProvider()
{
    endCallbacks();
}

void AssumeRoleCredentialsProvider::setMfaCodeFunction(MfaCodeFunction function)
{
    m_mfaCode = std::move(function);
}

void AssumeRoleCredentialsProvider::setRoleCache(std::shared_ptr<const AwsCliRoleCache> cache)
{
    m_roleCache = std::move(cache);
}

void AssumeRoleCredentialsProvider::setMfaTokenCode(const QString &code)
{
    m_mfaTokenCode = code.trimmed();
}

QString AssumeRoleCredentialsProvider::description() const
{
    return tr("role %1 of profile %2, from %3")
        .arg(m_params.roleArn, m_params.profile, m_source->description());
}

void AssumeRoleCredentialsProvider::invalidate()
{
    RefreshingCredentialsProvider::invalidate();
    m_source->invalidate();
}

void AssumeRoleCredentialsProvider::fetch()
{
    if (m_roleCache) {
        if (auto shared = m_roleCache->load(m_params, now())) {
            shared->source = description();
            finish(*shared);
            return;
        }
    }
    m_source->credentials(guard(), [this](Result<AwsCredentials> source) {
        if (!source) {
            finish(std::unexpected(source.error()));
            return;
        }
        AssumeRoleParams params = m_params;
        params.sourceCredentials = std::move(*source);
        if (params.roleSessionName.isEmpty())
            params.roleSessionName = u"coffer-"_s + QString::number(now().toSecsSinceEpoch());
        if (params.mfaSerial.isEmpty()) {
            callSts(std::move(params));
            return;
        }
        if (!m_mfaTokenCode.isEmpty()) {
            params.mfaTokenCode = std::exchange(m_mfaTokenCode, {});
            callSts(std::move(params));
            return;
        }
        if (!m_mfaCode) {
            AwsError error = AwsError::credentialsMissing(
                tr("profile '%1' needs the current code of MFA device %2 to assume role %3")
                    .arg(m_params.profile, m_params.mfaSerial, m_params.roleArn));
            error.code = u"MfaTokenCodeRequired"_s;
            finish(std::unexpected(error));
            return;
        }
        const MfaCodeRequest request{m_params.profile, m_params.roleArn, m_params.mfaSerial};
        m_mfaCode(request, guard(),
                  [this, params = std::move(params)](std::optional<QString> code) mutable {
                      if (!code || code->trimmed().isEmpty()) {
                          AwsError error = AwsError::credentialsMissing(
                              tr("no MFA code was given for profile '%1'").arg(m_params.profile));
                          error.kind = ErrorKind::Cancelled;
                          error.code = u"MfaTokenCodeRequired"_s;
                          finish(std::unexpected(error));
                          return;
                      }
                      params.mfaTokenCode = code->trimmed();
                      callSts(std::move(params));
                  });
    });
}

void AssumeRoleCredentialsProvider::callSts(AssumeRoleParams params)
{
    if (!m_assumeRole) {
        finish(std::unexpected(AwsError::configuration(
            tr("profile '%1' assumes a role, but no STS client is available")
                .arg(m_params.profile))));
        return;
    }
    m_assumeRole(params, guard(), [this](Result<AwsCredentials> result) {
        if (result) {
            if (!result->isValid()) {
                AwsError error;
                error.kind = ErrorKind::ProtocolError;
                error.code = u"AssumeRoleResponse"_s;
                error.message = tr("STS answered AssumeRole for %1 without credentials")
                                    .arg(m_params.roleArn);
                finish(std::unexpected(error));
                return;
            }
            result->source = description();
            if (m_roleCache)
                m_roleCache->store(m_params, *result);
        }
        finish(result);
    });
}

} // namespace coffer::aws
