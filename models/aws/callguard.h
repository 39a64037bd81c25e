// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscall.h"
#include "models/aws/awserror.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

/**
 * Helpers the service clients share to tie a call to the caller's context object: the callback
 * runs only while the context lives, and destroying the context cancels the call.
 */
namespace coffer::aws::callguard {

/// Wraps `callback` so it is dropped once `context` is being destroyed (a null context: never).
///
/// A QPointer alone is not enough: QWidget emits destroyed() from its own destructor, before
/// QPointers to it are cleared, and cancelWithContext() answers that signal by cancelling the
/// call, whose Cancelled result would then reach a half-destroyed widget. So the wrapper also
/// listens to destroyed() itself, connected before cancelWithContext() connects, and stops there.
template<typename T>
std::function<void(Result<T>)> guarded(QObject *context, std::function<void(Result<T>)> callback)
{
    struct State
    {
        bool contextAlive = true;
        QMetaObject::Connection watch;
    };
    auto state = std::make_shared<State>();
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    if (context) {
        state->watch = QObject::connect(context, &QObject::destroyed, context,
                                        [weak = std::weak_ptr<State>(state)] {
                                            if (const auto alive = weak.lock())
                                                alive->contextAlive = false;
                                        });
    }
    return [guard, hasContext, state, callback = std::move(callback)](Result<T> result) {
        if (hasContext && (!guard || !state->contextAlive))
            return;
        QObject::disconnect(state->watch);
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
