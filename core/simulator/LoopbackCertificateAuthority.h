#pragma once

#include <QByteArray>

namespace budgetdesk::sim {

// A throw-away certificate authority and a server certificate it issued for 127.0.0.1 and
// localhost, so that the simulator can speak HTTPS and a client can verify it properly — by
// trusting this CA explicitly, never by switching verification off. EC P-256 keys keep
// start-up instant; everything lives two days and only in memory unless written out.
struct LoopbackCertificateAuthority
{
    QByteArray caCertificatePem;
    QByteArray serverCertificatePem;
    QByteArray serverPrivateKeyPem;

    static LoopbackCertificateAuthority generate();
};

} // namespace budgetdesk::sim
