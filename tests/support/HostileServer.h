#pragma once

#include "FakeClock.h"

#include "busifavor/BusifavorClient.h"
#include "simulator/AnswerSigner.h"
#include "simulator/LoopbackHttpServer.h"
#include "simulator/WeChatPaySimulator.h"

#include <QSslConfiguration>

#include <functional>
#include <memory>

namespace budgetdesk::test {

// WeChat Pay as a hostile or broken server plays it: the simulator's real rules (it applies
// changes, signs answers) behind our loopback server, with each test's own twist on every
// answer — a 500 after applying, a signed answer naming another value, an answer about
// another batch, an endless body, a redirect, a dropped connection, a refused nonce replay.
class HostileServer
{
public:
    // `honest` is what the simulator answered (it has already acted on the request).
    using Twist = std::function<sim::SimResponse(const sim::SimRequest &request, sim::SimResponse honest)>;

    enum class Tls { None, Trusted, Untrusted, WrongHost, Expired };

    explicit HostileServer(Twist twist = {}, Tls tls = Tls::None);
    ~HostileServer();

    void setTwist(Twist twist) { m_twist = std::move(twist); }
    // Requests the simulator never sees (their `honest` answer is an empty 200): for a server
    // that answers a change without acting on it.
    void setUnprocessed(std::function<bool(const sim::SimRequest &)> unprocessed)
    {
        m_unprocessed = std::move(unprocessed);
    }
    QUrl baseUrl() const;
    sim::WeChatPaySimulator &simulator() { return *m_simulator; }
    qint64 total(const QString &stockId) const;
    const QList<sim::SimRequest> &received() const { return m_received; }
    int receivedCount(const QByteArray &method) const;

    // `answer` signed as WeChat Pay signs (the demo merchant's platform key), any signature it
    // carried replaced; `skewSeconds` moves the signed time away from the shared clock.
    sim::SimResponse signedAnswer(sim::SimResponse answer, const sim::SimRequest &request, qint64 skewSeconds = 0);
    sim::SimResponse signedError(int status, const char *code, const QString &message, const sim::SimRequest &request);
    sim::SimResponse signedJson(const QJsonObject &body, const sim::SimRequest &request);

    // A client of the demo merchant for this server: no backup, fast retries, this server's
    // trust (for Tls::Trusted; the other TLS kinds are *not* trusted as they should not be).
    ClientSettings settings() const;
    std::unique_ptr<BusifavorClient> client(const ClientSettings &settings) const;
    std::unique_ptr<BusifavorClient> client() const { return client(settings()); }
    QSslConfiguration trust() const { return m_trust; }

private:
    std::shared_ptr<FakeClock> m_clock;
    std::unique_ptr<sim::WeChatPaySimulator> m_simulator;
    std::unique_ptr<sim::AnswerSigner> m_signer;
    std::unique_ptr<sim::LoopbackHttpServer> m_http;
    Twist m_twist;
    std::function<bool(const sim::SimRequest &)> m_unprocessed;
    QList<sim::SimRequest> m_received;
    QSslConfiguration m_trust;
};

} // namespace budgetdesk::test
