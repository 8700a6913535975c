#pragma once

#include <QFile>
#include <QtGlobal>

#include <cstdio>

namespace budgetdesk {

// The start-up benchmark's memory figures, as /proc/self/status has them (Linux only): peak
// resident memory (VmHWM) and the private part of what is resident now (RssAnon) — the rest is
// libraries and fonts mapped from files, shared with every other process using them.
// Header-only so that bench_bare_window, the benchmark's baseline, prints the same lines
// without linking BudgetDesk's libraries.
inline void printProcessMemory()
{
#ifdef Q_OS_LINUX
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            std::printf("peak_rss_kb=%s\n", line.mid(6).trimmed().split(' ').value(0).constData());
        else if (line.startsWith("RssAnon:"))
            std::printf("anon_rss_kb=%s\n", line.mid(8).trimmed().split(' ').value(0).constData());
    }
#endif
}

} // namespace budgetdesk
