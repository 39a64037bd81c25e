// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/editor/secrettemplate.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

namespace coffer {

namespace {
using Json = nlohmann::ordered_json;

Json emptied(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object: {
        Json object = Json::object();
        for (const auto &[key, member] : value.items())
            object[key] = emptied(member);
        return object;
    }
    case Json::value_t::array:
        return Json::array();
    case Json::value_t::string:
        return "";
    case Json::value_t::boolean:
        return false;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return 0;
    default:
        return nullptr;
    }
}
} // namespace

std::expected<QByteArray, QString> SecretTemplate::keysOnly(const QByteArray &json)
{
    const Json parsed = Json::parse(json.cbegin(), json.cend(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return std::unexpected(QCoreApplication::translate(
            "coffer::SecretTemplate", "that secret's value is not a JSON object, so it has no keys "
                                      "to copy"));
    const std::string text = emptied(parsed).dump(2);
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace coffer
