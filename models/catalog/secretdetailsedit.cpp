// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/secretdetailsedit.h"

#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"

#include <QHash>
#include <QPointer>
#include <QSet>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer {

SecretDetailsEdit SecretDetailsEdit::between(const aws::SecretMetadata &before,
                                             const QString &description,
                                             const QList<aws::Tag> &tags)
{
    SecretDetailsEdit edit;
    edit.secretId = before.arn.isEmpty() ? before.name : before.arn;
    edit.tags = tags;
    if (description != before.description)
        edit.description = description;
    QHash<QString, QString> old;
    for (const aws::Tag &tag : before.tags)
        old.insert(tag.key, tag.value);
    QSet<QString> kept;
    for (const aws::Tag &tag : tags) {
        kept.insert(tag.key);
        const auto found = old.constFind(tag.key);
        if (found == old.cend() || *found != tag.value)
            edit.tagsToSet.append(tag);
    }
    for (const aws::Tag &tag : before.tags) {
        if (!kept.contains(tag.key) && !edit.tagKeysToRemove.contains(tag.key))
            edit.tagKeysToRemove.append(tag.key);
    }
    return edit;
}

QString SecretDetailsEdit::problem() const
{
    if (description) {
        if (const QString problem = aws::SecretConstraints::checkDescription(*description);
            !problem.isEmpty())
            return problem;
    }
    return aws::SecretConstraints::checkTags(tags);
}

QString SecretDetailsEdit::summary() const
{
    QStringList parts;
    if (description)
        parts.append(tr("the description"));
    if (!tagsToSet.isEmpty())
        parts.append(tr("%n tag(s) set", nullptr, int(tagsToSet.size())));
    if (!tagKeysToRemove.isEmpty())
        parts.append(tr("%n tag(s) removed", nullptr, int(tagKeysToRemove.size())));
    return parts.join(u", "_s);
}

namespace {

using Done = std::function<void(std::optional<aws::AwsError>)>;
/// One call; it runs `proceed` when it succeeded, or `done` with the error.
using Step = std::function<void(std::function<void()> proceed, const Done &done)>;

void run(std::shared_ptr<QList<Step>> steps, Done done)
{
    if (steps->isEmpty()) {
        done(std::nullopt);
        return;
    }
    const Step step = steps->takeFirst();
    step([steps, done] { run(steps, done); }, done);
}

/// A callback that goes on with `proceed`, or stops with the error.
template<typename T>
auto proceedOr(std::function<void()> proceed, Done done)
{
    return [proceed = std::move(proceed), done = std::move(done)](aws::Result<T> result) {
        if (!result) {
            done(result.error());
            return;
        }
        proceed();
    };
}

} // namespace

void SecretDetailsEdit::apply(aws::SecretsManagerClient *client, QObject *context, Done done) const
{
    const QPointer<aws::SecretsManagerClient> guarded(client);
    auto steps = std::make_shared<QList<Step>>();
    if (description) {
        aws::UpdateSecretRequest request;
        request.secretId = secretId;
        request.description = *description;
        steps->append([guarded, request, context](std::function<void()> proceed, const Done &done) {
            if (guarded)
                guarded->updateSecret(request, context, proceedOr<aws::UpdateSecretResult>(proceed, done));
        });
    }
    if (!tagsToSet.isEmpty()) {
        const aws::TagResourceRequest request { secretId, tagsToSet };
        steps->append([guarded, request, context](std::function<void()> proceed, const Done &done) {
            if (guarded)
                guarded->tagResource(request, context, proceedOr<void>(proceed, done));
        });
    }
    if (!tagKeysToRemove.isEmpty()) {
        const aws::UntagResourceRequest request { secretId, tagKeysToRemove };
        steps->append([guarded, request, context](std::function<void()> proceed, const Done &done) {
            if (guarded)
                guarded->untagResource(request, context, proceedOr<void>(proceed, done));
        });
    }
    run(steps, std::move(done));
}

} // namespace coffer
