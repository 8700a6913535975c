// Budget changes per second through the simulator over loopback HTTP: with authentication
// (the client signs each request and verifies each answer; the simulator verifies each
// request and signs each answer) against the same server and client with it switched off.
// Rounds alternate; each side's best round counts.
#include "SimulatorFixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>

#include <algorithm>
#include <cstdio>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

constexpr int Rounds = 5;
constexpr int ChangesPerRound = 300;
const QByteArray Stock = "1212000000000001";

class ChangeRunner
{
public:
    explicit ChangeRunner(SimulatorFixture &sim)
        : m_sim(sim)
    { }

    // Sends `count` budget changes one after another; returns changes per second.
    double run(int count, bool authenticated)
    {
        m_sim.simulator().setAuthenticationEnabled(authenticated);
        m_authenticated = authenticated;
        m_left = count;
        QElapsedTimer timer;
        timer.start();
        sendNext();
        m_loop.exec();
        return count * 1000.0 / double(timer.elapsed());
    }

private:
    void sendNext()
    {
        const QByteArray target = "/v3/marketing/busifavor/stocks/" + Stock + "/budget";
        const qint64 target_ = m_current == 60000 ? 60001 : 60000;
        const QByteArray body = R"({"target_max_coupons":)" + QByteArray::number(target_) + R"(,"current_max_coupons":)"
            + QByteArray::number(m_current) + R"(,"modify_budget_request_no":"bench-)" + QByteArray::number(++m_number)
            + "\"}";
        QNetworkRequest request(m_sim.url(target));
        request.setRawHeader("Accept", "application/json");
        request.setRawHeader("User-Agent", "BudgetDesk-bench");
        request.setRawHeader("Content-Type", "application/json");
        if (m_authenticated)
            request.setRawHeader("Authorization", m_sim.signer().sign("PATCH", target, body)->authorization);
        QNetworkReply *reply = m_sim.network().sendCustomRequest(request, "PATCH", body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, target_] {
            const QByteArray answer = reply->readAll();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const bool trusted
                = !m_authenticated || m_sim.validator().validate(reply->rawHeaderPairs(), answer).isVerified();
            reply->deleteLater();
            if (status != 200 || !trusted)
                qFatal("benchmark change failed: %d %s", status, answer.constData());
            m_current = target_;
            if (--m_left > 0)
                sendNext();
            else
                m_loop.quit();
        });
    }

    SimulatorFixture &m_sim;
    QEventLoop m_loop;
    bool m_authenticated = true;
    int m_left = 0;
    qint64 m_current = 50000;
    int m_number = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    SimulatorFixture sim;
    ChangeRunner runner(sim);
    runner.run(50, true); // warm-up: connection, caches

    double authenticated = 0;
    double open = 0;
    std::printf("signed PATCH budget changes over loopback HTTP, %d per round, best of %d\n", ChangesPerRound, Rounds);
    for (int round = 1; round <= Rounds; ++round) {
        const double on = runner.run(ChangesPerRound, true);
        const double off = runner.run(ChangesPerRound, false);
        std::printf("  round %d: authenticated %.0f changes/s, unauthenticated %.0f changes/s\n", round, on, off);
        authenticated = std::max(authenticated, on);
        open = std::max(open, off);
    }
    std::printf("simulator: authenticated %.0f changes/s, unauthenticated %.0f changes/s, ratio %.3f\n", authenticated,
                open, authenticated / open);
    return 0;
}
