#include "OpenSslCli.h"

#include <QProcess>
#include <QTemporaryFile>

namespace budgetdesk::test {

namespace {

QByteArray run(const QStringList &arguments, const QByteArray &input, int *exitCode = nullptr)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForStarted(10000))
        qFatal("the openssl command line is not installed (scripts/setup-debian.sh installs it)");
    openssl.write(input);
    openssl.closeWriteChannel();
    openssl.waitForFinished(30000);
    if (exitCode)
        *exitCode = openssl.exitCode();
    return openssl.readAllStandardOutput();
}

} // namespace

QByteArray opensslSign(const QString &privateKeyPemFile, const QByteArray &message)
{
    return run({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), privateKeyPemFile},
               message);
}

bool opensslVerify(const QString &publicKeyPemFile, const QByteArray &message, const QByteArray &signature)
{
    QTemporaryFile signatureFile;
    if (!signatureFile.open())
        qFatal("cannot create a temporary file");
    signatureFile.write(signature);
    signatureFile.flush();
    int exitCode = -1;
    run({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), publicKeyPemFile,
         QStringLiteral("-signature"), signatureFile.fileName()},
        message, &exitCode);
    return exitCode == 0;
}

} // namespace budgetdesk::test
