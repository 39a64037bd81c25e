// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/credentialsprovider.h"

#include <QDateTime>
#include <QList>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace coffer::aws {

/**
 * What every provider of temporary credentials shares (an assumed role, web identity, the
 * container endpoint, credential_process, IAM Identity Center): it keeps the last credentials
 * until `refreshWindow` before they expire (credentials without an expiration stay), fetches once
 * for every caller that asks while a fetch is under way, and answers each of them, skipping those
 * whose context has gone. A subclass says only how to fetch:
 *
 *     class MyProvider final : public RefreshingCredentialsProvider {
 *         void fetch() override {
 *             m_sts->call(guard(), [this](Result<AwsCredentials> result) { finish(result); });
 *         }
 *     };
 *
 * fetch() must end, now or later, in exactly one finish(); a success is kept for the next
 * callers. Calls the subclass makes for the fetch take guard() as their context: it dies with
 * the provider (or at endCallbacks()), so no answer reaches a destroyed provider.
 */
class RefreshingCredentialsProvider : public CredentialsProvider
{
public:
    ~RefreshingCredentialsProvider() override;

    void credentials(QObject *context, Callback callback) final;
    /// Drops the kept credentials; the next credentials() fetches.
    void invalidate() override;
    /// Kept credentials are renewed this long before they expire.
    void setRefreshWindow(std::chrono::seconds window) { m_refreshWindow = window; }
    [[nodiscard]] std::chrono::seconds refreshWindow() const { return m_refreshWindow; }
    /// For tests: the current time.
    virtual void setClock(std::function<QDateTime()> clock);
    /// Is a fetch under way?
    [[nodiscard]] bool isFetching() const { return m_fetching; }

protected:
    explicit RefreshingCredentialsProvider(std::chrono::seconds refreshWindow);

    /// Gets fresh credentials; ends in exactly one finish(), before it returns or later.
    virtual void fetch() = 0;
    /// Answers everyone waiting for this fetch; a success is kept.
    void finish(const Result<AwsCredentials> &result);
    [[nodiscard]] QDateTime now() const;
    /// The context for the calls a fetch makes; null after endCallbacks().
    [[nodiscard]] QObject *guard() const { return m_guard.get(); }
    /// Stops every answer to guard() from arriving: for a destructor whose members could still
    /// answer while they are destroyed.
    void endCallbacks() { m_guard.reset(); }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback callback;
    };

    [[nodiscard]] bool keptIsFresh() const;

    std::chrono::seconds m_refreshWindow;
    std::function<QDateTime()> m_clock;
    std::optional<AwsCredentials> m_kept;
    QList<Waiter> m_waiting;
    bool m_fetching = false;
    std::unique_ptr<QObject> m_guard;
};

} // namespace coffer::aws
