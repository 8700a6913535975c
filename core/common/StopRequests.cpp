#include "common/StopRequests.h"

#include <atomic>
#include <csignal>

namespace budgetdesk {

namespace {

std::atomic<int> lastSignal{0};
std::atomic<bool> repeatKills{false};

extern "C" void recordStopSignal(int signal)
{
    lastSignal = signal;
    // Windows already resets the handler before calling it; POSIX keeps it unless told.
    std::signal(signal, repeatKills.load() ? SIG_DFL : recordStopSignal);
}

} // namespace

StopRequests::StopRequests(Repeat repeat, QObject *parent)
    : QObject(parent)
{
    lastSignal = 0;
    repeatKills = repeat == Repeat::Kills;
    m_previousInt = std::signal(SIGINT, recordStopSignal);
    m_previousTerm = std::signal(SIGTERM, recordStopSignal);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (const int signal = lastSignal.exchange(0))
            Q_EMIT requested(signal);
    });
    m_poll.start(50);
}

StopRequests::~StopRequests()
{
    std::signal(SIGINT, m_previousInt == SIG_ERR ? SIG_DFL : m_previousInt);
    std::signal(SIGTERM, m_previousTerm == SIG_ERR ? SIG_DFL : m_previousTerm);
}

} // namespace budgetdesk
