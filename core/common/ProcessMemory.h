#pragma once

#include <QtGlobal>

#include <cstdio>
#include <optional>

#if defined(Q_OS_LINUX)
#include <QFile>
#elif defined(Q_OS_WIN)
#ifndef NOMINMAX // bench_bare_window includes this without budgetdesk_compile_policy's defines
#define NOMINMAX
#endif
#include <windows.h> // first: psapi.h needs its types

#include <psapi.h> // GetProcessMemoryInfo is K32GetProcessMemoryInfo in kernel32 from Windows 7 on
#elif defined(Q_OS_MACOS)
#include <mach/mach.h>
#endif

namespace budgetdesk {

// Memory figures of this process in KiB, for the start-up benchmark and the hostile-server
// tests. Header-only so that bench_bare_window, the benchmark's baseline, prints the same lines
// without linking BudgetDesk's libraries. nullopt where the platform does not tell.

#if defined(Q_OS_LINUX)
// A field of /proc/self/status: VmHWM is the peak resident memory, RssAnon the private part of
// what is resident now — the rest is libraries and fonts mapped from files, shared with every
// other process using them.
inline std::optional<qint64> linuxStatusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return std::nullopt;
}
#elif defined(Q_OS_MACOS)
inline std::optional<task_vm_info_data_t> macTaskVmInfo()
{
    task_vm_info_data_t info{};
    mach_msg_type_number_t count = TASK_VM_INFO_COUNT;
    if (task_info(mach_task_self(), TASK_VM_INFO, reinterpret_cast<task_info_t>(&info), &count) != KERN_SUCCESS)
        return std::nullopt;
    return info;
}
#endif

// The most memory that was resident at once: Linux VmHWM, Windows PeakWorkingSetSize, macOS
// resident_size_peak.
inline std::optional<qint64> peakResidentKiB()
{
#if defined(Q_OS_LINUX)
    return linuxStatusKiB("VmHWM");
#elif defined(Q_OS_WIN)
    PROCESS_MEMORY_COUNTERS counters{};
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters))
        return std::nullopt;
    return static_cast<qint64>(counters.PeakWorkingSetSize / 1024);
#elif defined(Q_OS_MACOS)
    const auto info = macTaskVmInfo();
    return info ? std::optional<qint64>(static_cast<qint64>(info->resident_size_peak / 1024)) : std::nullopt;
#else
    return std::nullopt;
#endif
}

// Memory that is this process's alone: Linux RssAnon (resident, not file-backed), Windows
// PrivateUsage (committed private bytes), macOS phys_footprint (what Activity Monitor shows).
inline std::optional<qint64> privateMemoryKiB()
{
#if defined(Q_OS_LINUX)
    return linuxStatusKiB("RssAnon");
#elif defined(Q_OS_WIN)
    PROCESS_MEMORY_COUNTERS_EX counters{};
    if (!GetProcessMemoryInfo(GetCurrentProcess(), reinterpret_cast<PROCESS_MEMORY_COUNTERS *>(&counters),
                              sizeof counters))
        return std::nullopt;
    return static_cast<qint64>(counters.PrivateUsage / 1024);
#elif defined(Q_OS_MACOS)
    const auto info = macTaskVmInfo();
    return info ? std::optional<qint64>(static_cast<qint64>(info->phys_footprint / 1024)) : std::nullopt;
#else
    return std::nullopt;
#endif
}

inline void printProcessMemory()
{
    if (const auto peak = peakResidentKiB())
        std::printf("peak_rss_kb=%lld\n", static_cast<long long>(*peak));
    if (const auto own = privateMemoryKiB())
        std::printf("anon_rss_kb=%lld\n", static_cast<long long>(*own));
}

} // namespace budgetdesk
