// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/mfacodedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

std::function<void(MfaCodeDialog *)> &openedHook()
{
    static std::function<void(MfaCodeDialog *)> hook;
    return hook;
}

} // namespace

MfaCodeDialog::MfaCodeDialog(const aws::MfaCodeRequest &request, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"MfaCodeDialog"_s);
    setWindowTitle(tr("MFA code"));

    m_prompt = new QLabel(this);
    m_prompt->setObjectName(u"MfaPromptLabel"_s);
    m_prompt->setWordWrap(true);
    m_prompt->setTextFormat(Qt::PlainText);
    m_prompt->setText(tr("Profile %1 assumes role %2, which needs a code from your MFA device.")
                          .arg(request.profile, request.roleArn));

    auto *serial = new QLabel(request.mfaSerial, this);
    serial->setObjectName(u"MfaSerialLabel"_s);
    serial->setTextFormat(Qt::PlainText);
    serial->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_codeEdit = new QLineEdit(this);
    m_codeEdit->setObjectName(u"MfaCodeEdit"_s);
    m_codeEdit->setMaxLength(6);
    m_codeEdit->setPlaceholderText(tr("6 digits"));
    m_codeEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"\\d{0,6}"_s), m_codeEdit));
    m_codeEdit->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData
                                    | Qt::ImhNoPredictiveText);

    auto *form = new QFormLayout;
    form->addRow(tr("MFA device:"), serial);
    form->addRow(tr("Code:"), m_codeEdit);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"MfaButtons"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_codeEdit, &QLineEdit::textChanged, this, &MfaCodeDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_prompt);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    updateState();
}

MfaCodeDialog::~MfaCodeDialog()
{
    m_codeEdit->clear();
}

QString MfaCodeDialog::code() const
{
    const QString text = m_codeEdit->text();
    return text.size() == 6 ? text : QString();
}

void MfaCodeDialog::updateState()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!code().isEmpty());
}

void MfaCodeDialog::setOpenedHookForTests(std::function<void(MfaCodeDialog *)> hook)
{
    openedHook() = std::move(hook);
}

aws::MfaCodeFunction MfaCodeDialog::codeFunction(QWidget *parent)
{
    QPointer<QWidget> window(parent);
    return [window](const aws::MfaCodeRequest &request, QObject *context,
                    std::function<void(std::optional<QString>)> answer) {
        auto *dialog = new MfaCodeDialog(request, window.data());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QPointer<QObject> asker(context);
        const bool hasAsker = context != nullptr;
        // Answered once: finished() comes with accept, reject, Escape and closing the window.
        auto reply
            = std::make_shared<std::function<void(std::optional<QString>)>>(std::move(answer));
        connect(dialog, &QDialog::finished, dialog, [dialog, asker, hasAsker, reply](int result) {
            if (!*reply || (hasAsker && !asker))
                return;
            const auto respond = std::exchange(*reply, {});
            respond(result == QDialog::Accepted && !dialog->code().isEmpty()
                        ? std::optional<QString>(dialog->code())
                        : std::nullopt);
        });
        if (context)
            connect(context, &QObject::destroyed, dialog, &QDialog::reject);
        dialog->open();
        if (openedHook())
            openedHook()(dialog);
    };
}

} // namespace coffer
