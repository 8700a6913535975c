// One budget change end to end — sign, send, verify, parse — through BusifavorClient, against
// a raw QNetworkAccessManager PATCH carrying a precomputed Authorization header over one
// kept-alive loopback connection, to the simulator running in its own thread. BusifavorClient
// opens a connection of its own per request (HttpAttempt: no request is ever written twice),
// so the ratio includes a TCP connect per change. The time per request is the client's wall
// time from sending to having the answer in hand. Rounds alternate; each side's best counts.
#include "SimulatorFixture.h"
#include "SimulatorThread.h"

#include "simulator/DemoMerchant.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <future>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

constexpr int Rounds = 7;
constexpr int ChangesPerRound = 300;
const QString Stock = QStringLiteral("1212000000000001");

double perSecond(int count, qint64 nanoseconds)
{
    return count * 1e9 / double(nanoseconds);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    SimulatorThread simulator;
    QThread::msleep(50);

    ClientSettings settings;
    settings.primaryBaseUrl = simulator.url();
    settings.backupBaseUrl = QUrl();
    QNetworkAccessManager network;
    BusifavorClient client(SimulatorFixture::demoCredentials(), SimulatorFixture::demoKeys(), settings);

    qint64 current = 70000; // after the baseline's own change below
    int number = 0;
    auto coreRound = [&](int count) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i) {
            const qint64 target = current == 60000 ? 60001 : 60000;
            BudgetModification *modification = client.modifyBudget(
                {Stock, BudgetDimension::Total, target, current, QStringLiteral("bench-%1").arg(++number)});
            QEventLoop loop;
            QObject::connect(modification, &BudgetModification::finished, &loop, [&](const BudgetOutcome &outcome) {
                if (outcome.kind != BudgetOutcome::Kind::Applied)
                    qFatal("benchmark change not applied: %s", qPrintable(outcome.summary().en));
                loop.quit();
            });
            loop.exec();
            current = target;
        }
        return perSecond(count, timer.nsecsElapsed());
    };

    // The baseline: one change signed once, sent again and again — the simulator answers a
    // repeated request number with its first answer, signed afresh — nothing verified or parsed.
    const BudgetChange fixed{Stock, BudgetDimension::Total, 70000, 50000, QStringLiteral("bench-baseline")};
    const QByteArray body = fixed.body();
    const QByteArray authorization = client.signer().sign("PATCH", fixed.path(), body)->authorization;
    QNetworkRequest request(QUrl::fromEncoded(simulator.url().toEncoded() + fixed.path()));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("User-Agent", "BudgetDesk-bench");
    request.setRawHeader("Authorization", authorization);
    auto rawRound = [&](int count) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i) {
            QNetworkReply *reply = network.sendCustomRequest(request, "PATCH", body);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            reply->readAll();
            reply->deleteLater();
        }
        return perSecond(count, timer.nsecsElapsed());
    };
    // The baseline's request must be one the simulator accepts and signs, as the core's are.
    {
        QNetworkReply *reply = network.sendCustomRequest(request, "PATCH", body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status != 200)
            qFatal("unexpected baseline status %d", status);
    }

    coreRound(50);
    rawRound(50);
    double core = 0;
    double raw = 0;
    std::printf("budget change over one kept-alive loopback connection, %d per round, best of %d\n", ChangesPerRound,
                Rounds);
    for (int round = 1; round <= Rounds; ++round) {
        const double c = coreRound(ChangesPerRound);
        const double r = rawRound(ChangesPerRound);
        std::printf("  round %d: BusifavorClient %.0f req/s, raw QNetworkAccessManager %.0f req/s\n", round, c, r);
        core = std::max(core, c);
        raw = std::max(raw, r);
    }
    std::printf("client: core %.1f us/request (%.0f req/s), raw QNAM %.1f us/request (%.0f req/s), ratio %.2f\n",
                1e6 / core, core, 1e6 / raw, raw, raw / core);
    return 0;
}
