// Feeds arbitrary bytes to every KeyLoader entry point a user's file or paste reaches: the
// merchant key (PEM/DER/PKCS#12, with a passphrase and an mchid to try), the WeChat Pay
// public key and certificates. Whatever comes back must be a key or a typed error with text.
#include "crypto/KeyLoader.h"

#include <cstdint>
#include <cstdlib>

using namespace budgetdesk;

namespace {

void requireText(const KeyError &error)
{
    if (error.text().zh.isEmpty() || error.text().en.isEmpty())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(bytes), qsizetype(size));

    auto merchant = KeyLoader::merchantKey(input, "fuzz-passphrase", QStringLiteral("1900000109"));
    if (merchant) {
        if (merchant->key.isNull() || merchant->key.bits() < 2048)
            std::abort();
        if (merchant->certificate)
            (void)KeyLoader::serialForKey(merchant->key, *merchant->certificate);
    } else {
        requireText(merchant.error());
    }

    auto publicKey = KeyLoader::publicKey(input);
    if (!publicKey)
        requireText(publicKey.error());

    auto certificate = KeyLoader::certificate(input, {}, QStringLiteral("1900000109"));
    if (certificate)
        (void)certificate->serialNumber(), (void)certificate->notAfter(), (void)certificate->subjectCommonName();
    else
        requireText(certificate.error());
    return 0;
}
