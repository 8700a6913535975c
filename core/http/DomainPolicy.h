#pragma once

#include "common/BilingualText.h"

#include <QUrl>

#include <optional>

namespace budgetdesk {

// Where signed requests may go. The official primary fails over to the official backup; any
// other primary (the simulator, a company gateway) has no backup unless one is named, and a
// primary on this machine or a private network is never paired with an official backup — a
// rehearsal against a stopped simulator must not end up changing a real budget.
namespace DomainPolicy {

QUrl officialPrimary(); // https://api.mch.weixin.qq.com
QUrl officialBackup(); // https://api2.mch.weixin.qq.com

bool isOfficial(const QUrl &url); // one of WeChat Pay's own API domains, over https
// localhost, a loopback, private (RFC 1918 / RFC 4193), link-local or unspecified address.
bool isLocal(const QUrl &url);

// The backup that goes with `primary` when none is named: the official backup for the
// official primary, none (an empty URL) for anything else.
QUrl defaultBackupFor(const QUrl &primary);

// A base URL as typed (--base-url, the wizard): scheme://host[:port] and nothing else — no
// path, query, fragment or user:password@. https, or http to this machine only.
// The error never repeats a password.
std::optional<BilingualText> checkBaseUrl(const QUrl &url);
std::optional<BilingualText> checkPair(const QUrl &primary, const QUrl &backup);

// The URL as it may appear in output and logs: without any user information.
QString displayed(const QUrl &url);

} // namespace DomainPolicy

} // namespace budgetdesk
