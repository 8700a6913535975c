#pragma once

#include <QFile>
#include <QtGlobal>

#include <cstdio>
#include <optional>

namespace budgetdesk {

// A field of /proc/self/status in KiB (Linux only; nullopt elsewhere): VmHWM is the peak
// resident memory, RssAnon the private part of what is resident now — the rest is libraries
// and fonts mapped from files, shared with every other process using them.
inline std::optional<qint64> processStatusKiB(const char *field)
{
#ifdef Q_OS_LINUX
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
#else
    Q_UNUSED(field);
#endif
    return std::nullopt;
}

// The start-up benchmark's memory figures. Header-only so that bench_bare_window, the
// benchmark's baseline, prints the same lines without linking BudgetDesk's libraries.
inline void printProcessMemory()
{
    if (const auto peak = processStatusKiB("VmHWM"))
        std::printf("peak_rss_kb=%lld\n", static_cast<long long>(*peak));
    if (const auto anon = processStatusKiB("RssAnon"))
        std::printf("anon_rss_kb=%lld\n", static_cast<long long>(*anon));
}

} // namespace budgetdesk
