// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscall.h"
#include "models/aws/awserror.h"

#include <QObject>
#include <QPointer>

#include <functional>

/**
 * Helpers the service clients share to tie a call to the caller's context object: the callback
 * runs only while the context lives, and destroying the context cancels the call.
 */
namespace coffer::aws::callguard {

/// Wraps `callback` so it is dropped once `context` is destroyed (a null context: never).
template<typename T>
std::function<void(Result<T>)> guarded(QObject *context, std::function<void(Result<T>)> callback)
{
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    return [guard, hasContext, callback = std::move(callback)](Result<T> result) {
        if (hasContext && !guard)
            return;
        if (callback)
            callback(std::move(result));
    };
}

/// Cancels `call` when `context` is destroyed.
inline void cancelWithContext(AwsCall *call, QObject *context)
{
    if (context)
        QObject::connect(context, &QObject::destroyed, call, &AwsCall::cancel);
}

} // namespace coffer::aws::callguard
