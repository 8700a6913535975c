#pragma once

#include <QObject>
#include <QTimer>

namespace budgetdesk {

// Ctrl+C and SIGTERM for a console program, turned into a Qt signal. A signal handler may only
// set a flag, so a timer on the event loop looks at it. std::signal covers Ctrl+C in a Windows
// console too (where the C runtime runs the handler on a thread of its own — hence an atomic).
// One instance at a time; the destructor puts the previous handlers back.
class StopRequests : public QObject
{
    Q_OBJECT
public:
    enum class Repeat {
        Reported, // every signal is reported (a server that stops the same way each time)
        Kills, // after the first, the next one ends the process the operating system's way
    };

    explicit StopRequests(Repeat repeat, QObject *parent = nullptr);
    ~StopRequests() override;

Q_SIGNALS:
    void requested(int signal);

private:
    QTimer m_poll;
    using Handler = void (*)(int);
    Handler m_previousInt = nullptr;
    Handler m_previousTerm = nullptr;
};

} // namespace budgetdesk
