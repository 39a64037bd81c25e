// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/refreshingcredentialsprovider.h"

#include <QObject>

#include <utility>

namespace coffer::aws {

RefreshingCredentialsProvider::RefreshingCredentialsProvider(std::chrono::seconds refreshWindow)
    : m_refreshWindow(refreshWindow)
    , m_guard(std::make_unique<QObject>())
{
}

RefreshingCredentialsProvider::~RefreshingCredentialsProvider() = default;

void RefreshingCredentialsProvider::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime RefreshingCredentialsProvider::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

bool RefreshingCredentialsProvider::keptIsFresh() const
{
    if (!m_kept)
        return false;
    if (!m_kept->expiration)
        return true;
    return now().secsTo(*m_kept->expiration) > qint64(m_refreshWindow.count());
}

void RefreshingCredentialsProvider::invalidate()
{
    m_kept.reset();
}

void RefreshingCredentialsProvider::credentials(QObject *context, Callback callback)
{
    if (keptIsFresh()) {
        callback(*m_kept);
        return;
    }
    m_waiting.append({context, context != nullptr, std::move(callback)});
    if (m_fetching)
        return;
    m_fetching = true;
    fetch();
}

void RefreshingCredentialsProvider::finish(const Result<AwsCredentials> &result)
{
    m_fetching = false;
    if (result)
        m_kept = *result;
    // A callback may ask again (and start the next fetch): answer the ones waiting now only.
    const QList<Waiter> waiting = std::exchange(m_waiting, {});
    for (const Waiter &waiter : waiting) {
        if (waiter.hasContext && !waiter.context)
            continue;
        if (waiter.callback)
            waiter.callback(result);
    }
}

} // namespace coffer::aws
