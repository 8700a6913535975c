#include "SimulatorFixture.h"

#include "BrandSigner.h"

#include "common/Utc.h"
#include "crypto/KeyLoader.h"
#include "simulator/DemoMerchant.h"
#include "simulator/LoopbackCertificateAuthority.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

namespace budgetdesk::test {

QJsonObject SimAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

sim::SimulatorConfig SimulatorFixture::demoConfig()
{
    return sim::DemoMerchant::instance().simulatorConfig();
}

SimulatorFixture::SimulatorFixture(Transport transport, sim::SimulatorConfig config)
    : m_clock(std::make_shared<FakeClock>(QDateTime::currentSecsSinceEpoch()))
{
    const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock->nowMilliseconds(), utc());
    auto simulator = std::make_unique<sim::WeChatPaySimulator>(
        std::move(config), sim::StockCatalog::demo(demo.mchid, now),
        sim::ProductCouponCatalog::demo(demo.mchid, demo.brandId, now), m_clock);
    m_server = std::make_unique<sim::SimulatorServer>(std::move(simulator));

    std::optional<sim::TlsIdentity> tls;
    if (transport == Transport::Https) {
        const auto authority = sim::LoopbackCertificateAuthority::generate();
        m_caPem = authority.caCertificatePem;
        tls = sim::TlsIdentity{QSslCertificate(authority.serverCertificatePem),
                               QSslKey(authority.serverPrivateKeyPem, QSsl::Ec)};
        m_ssl = QSslConfiguration::defaultConfiguration();
        m_ssl.setCaCertificates(QSslCertificate::fromData(m_caPem));
    }
    if (!m_server->listen(0, tls))
        qFatal("SimulatorFixture: cannot listen: %s", qPrintable(m_server->errorString()));

    m_signer = std::make_unique<RequestSigner>(demoCredentials(), m_clock);
    m_validator = std::make_unique<ResponseValidator>(demoKeys(), m_clock);
}

MerchantCredentials SimulatorFixture::demoCredentials()
{
    const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
    return {demo.mchid, demo.merchantSerial, KeyLoader::merchantKey(demo.merchantPrivateKeyPem)->key};
}

MerchantCredentials SimulatorFixture::brandCredentials()
{
    const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
    MerchantCredentials credentials({}, demo.brandSerial, KeyLoader::merchantKey(demo.brandPrivateKeyPem)->key);
    credentials.identity = CallerIdentity::Brand;
    credentials.brandId = demo.brandId;
    return credentials;
}

std::unique_ptr<BusifavorClient> SimulatorFixture::brandClient() const
{
    const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
    VerificationKeys keys;
    keys.setPublicKey(demo.publicKeyId, *KeyLoader::publicKey(demo.wechatPayPublicKeyPem));
    return std::make_unique<BusifavorClient>(brandCredentials(), keys, fastSettings(), m_clock);
}

VerificationKeys SimulatorFixture::demoKeys()
{
    const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
    VerificationKeys keys;
    keys.setPublicKey(demo.publicKeyId, *KeyLoader::publicKey(demo.wechatPayPublicKeyPem));
    keys.addPlatformCertificate(*KeyLoader::certificate(demo.platformCertificatePem));
    return keys;
}

quint16 SimulatorFixture::unusedLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("SimulatorFixture: no free port");
    return probe.serverPort();
}

QStringList SimulatorFixture::cliConnection(const QString &keyDirectory) const
{
    const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
    const QDir keys(keyDirectory);
    return {QStringLiteral("--mchid"),
            demo.mchid,
            QStringLiteral("--private-key"),
            keys.filePath(sim::DemoMerchant::MerchantKeyFile),
            QStringLiteral("--merchant-certificate"),
            keys.filePath(sim::DemoMerchant::MerchantCertificateFile),
            QStringLiteral("--public-key-id"),
            demo.publicKeyId,
            QStringLiteral("--public-key"),
            keys.filePath(sim::DemoMerchant::WechatPayPublicKeyFile),
            QStringLiteral("--base-url"),
            m_server->baseUrl().toString(),
            QStringLiteral("--backup-url"),
            QStringLiteral("none")};
}

ClientSettings SimulatorFixture::fastSettings() const
{
    ClientSettings settings;
    settings.primaryBaseUrl = m_server->baseUrl();
    settings.backupBaseUrl = QUrl();
    settings.timeoutMs = 5000;
    settings.backoffMs = 5;
    if (!m_caPem.isEmpty())
        settings.sslConfiguration = m_ssl;
    return settings;
}

std::unique_ptr<BusifavorClient> SimulatorFixture::client(ClientSettings settings) const
{
    return std::make_unique<BusifavorClient>(demoCredentials(), demoKeys(), std::move(settings), m_clock);
}

BudgetOutcome SimulatorFixture::wait(BudgetModification *modification)
{
    QSignalSpy finished(modification, &BudgetModification::finished);
    if (!finished.wait(30000))
        qFatal("SimulatorFixture: the budget change did not finish");
    return finished.first().first().value<BudgetOutcome>();
}

StockQueryResult SimulatorFixture::wait(StockQuery *query)
{
    QSignalSpy finished(query, &StockQuery::finished);
    if (!finished.wait(30000))
        qFatal("SimulatorFixture: the lookup did not finish");
    return finished.first().first().value<StockQueryResult>();
}

StockListResult SimulatorFixture::wait(StockListQuery *query)
{
    QSignalSpy finished(query, &StockListQuery::finished);
    if (!finished.wait(30000))
        qFatal("SimulatorFixture: the list did not finish");
    return finished.first().first().value<StockListResult>();
}

EntryReconciliationResult SimulatorFixture::wait(EntryReconciliation *reconciliation)
{
    QSignalSpy finished(reconciliation, &EntryReconciliation::finished);
    if (!finished.wait(30000))
        qFatal("SimulatorFixture: the reconciliation did not finish");
    return finished.first().first().value<EntryReconciliationResult>();
}

SimulatorFixture::~SimulatorFixture() = default;

QUrl SimulatorFixture::url(const QByteArray &target) const
{
    return QUrl(m_server->baseUrl().toString() + QString::fromLatin1(target), QUrl::StrictMode);
}

SimAnswer SimulatorFixture::send(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                 const HttpHeaders &extraHeaders, const QByteArray &serial)
{
    HttpHeaders headers = {{"Accept", "application/json"}, {"User-Agent", "BudgetDesk-tests/1.0"}};
    if (!serial.isEmpty())
        headers.append({"Wechatpay-Serial", serial});
    headers.append(extraHeaders);
    auto signedRequest = m_signer->sign(method, target, body);
    if (!signedRequest)
        qFatal("SimulatorFixture: cannot sign: %s", qPrintable(signedRequest.error().text().en));
    headers.append({"Authorization", signedRequest->authorization});
    return sendRaw(method, target, body, headers);
}

QByteArray SimulatorFixture::brandAuthorizationFor(const QByteArray &method, const QByteArray &target,
                                                   const QByteArray &body, qint64 timestamp)
{
    static int counter = 0;
    const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
    const QByteArray nonce = "brand" + QByteArray::number(++counter).rightJustified(27, '0');
    return brandAuthorization(KeyLoader::merchantKey(demo.brandPrivateKeyPem)->key, demo.brandId, demo.brandSerial,
                              method, target, body, timestamp, nonce);
}

SimAnswer SimulatorFixture::sendAsBrand(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                        const HttpHeaders &extraHeaders,
                                        const std::optional<QByteArray> &wechatpaySerial)
{
    HttpHeaders headers = {{"Accept", "application/json"}, {"User-Agent", "BudgetDesk-tests/1.0"}};
    const QByteArray serial = wechatpaySerial.value_or(sim::DemoMerchant::instance().publicKeyId.toLatin1());
    if (!serial.isEmpty())
        headers.append({"Wechatpay-Serial", serial});
    headers.append(extraHeaders);
    headers.append({"Authorization", brandAuthorizationFor(method, target, body, m_clock->nowSeconds())});
    return sendRaw(method, target, body, headers);
}

SimAnswer SimulatorFixture::sendRaw(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                    const HttpHeaders &headers, int timeoutMs)
{
    QNetworkRequest request(url(target));
    if (!m_caPem.isEmpty())
        request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(timeoutMs);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(timeoutMs + 5000))
        qFatal("SimulatorFixture: no answer within %d ms", timeoutMs + 5000);

    SimAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    answer.headers = reply->rawHeaderPairs();
    answer.body = reply->readAll();
    if ((answer.status >= 200 && answer.status < 300) || ResponseValidator::carriesSignature(answer.headers))
        answer.verification = m_validator->validate(answer.headers, answer.body);
    reply->deleteLater();
    return answer;
}

QByteArray SimulatorFixture::rawExchange(const QByteArray &requestBytes)
{
    // For requests QNetworkAccessManager will not send, such as one without a User-Agent (it
    // adds "Mozilla/5.0" itself).
    // The simulator runs on this thread: wait with the event loop running, never blocking.
    QSslSocket socket;
    if (m_caPem.isEmpty()) {
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
            qFatal("SimulatorFixture: cannot connect");
    } else {
        socket.setSslConfiguration(m_ssl);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        if (!QTest::qWaitFor([&] { return socket.isEncrypted(); }, 5000))
            qFatal("SimulatorFixture: TLS handshake failed: %s", qPrintable(socket.errorString()));
    }
    socket.write(requestBytes);
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        QTest::qWait(10);
        response += socket.readAll();
        const qsizetype headerEnd = response.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            continue;
        const qsizetype lengthAt = response.toLower().indexOf("content-length: ");
        const qsizetype length = lengthAt < 0
            ? 0
            : response.mid(lengthAt + 16, response.indexOf('\r', lengthAt) - lengthAt - 16).toLongLong();
        if (response.size() >= headerEnd + 4 + length)
            break;
    }
    return response;
}

} // namespace budgetdesk::test
