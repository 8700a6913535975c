// Input: header lines ("Name: value\n") up to the first empty line, then the raw body —
// the shape of an HTTP answer. The validator holds the Java test public key (as
// PUB_KEY_ID_…01) and platform certificate, and its clock sits at the D3 vector's time, so
// seeds built from tests/data/vectors/derived reach the RSA verification itself.
#include "auth/ResponseValidator.h"
#include "crypto/KeyLoader.h"

#include <cstdint>
#include <cstdlib>

using namespace budgetdesk;

namespace {

class FixedClock final : public Clock
{
public:
    qint64 nowMilliseconds() const override { return qint64(1700000001) * 1000; }
};

const ResponseValidator *validator = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const QString data = QStringLiteral(BUDGETDESK_TEST_DATA_DIR "/vectors/java/");
    auto publicKey = KeyLoader::publicKeyFromFile(data + QStringLiteral("wechat_pay_public_key.pem"));
    auto certificate = KeyLoader::certificateFromFile(data + QStringLiteral("wechat_pay_certificate.pem"));
    if (!publicKey || !certificate)
        std::abort();
    VerificationKeys keys;
    keys.setPublicKey(QStringLiteral("PUB_KEY_ID_0000000000000000000000000000000001"), *publicKey);
    keys.addPlatformCertificate(*certificate);
    validator = new ResponseValidator(keys, std::make_shared<FixedClock>());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(bytes), qsizetype(size));
    const qsizetype split = input.indexOf("\n\n");
    const QByteArray head = split < 0 ? input : input.left(split);
    const QByteArray body = split < 0 ? QByteArray() : input.mid(split + 2);

    HttpHeaders headers;
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon), line.mid(colon + 1)});
    }
    const ResponseVerification verdict = validator->validate(headers, body);
    // Every verdict must be explainable; a text for an unknown status would be empty.
    if (verdict.text().en.isEmpty() || verdict.text().zh.isEmpty())
        std::abort();
    return 0;
}
