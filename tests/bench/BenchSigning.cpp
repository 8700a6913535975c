// Sign and verify throughput: BudgetDesk's public API against raw OpenSSL EVP calls.
//
// Both sides use the same EVP_PKEY and the same message. The core side is the whole public
// call a request or answer goes through (RequestSigner::sign builds the message, draws a
// nonce, signs and formats the Authorization header; ResponseValidator::validate looks up
// headers, checks the clock window, picks the key by serial, decodes and verifies). The
// baseline is the bare EVP_DigestSign/EVP_DigestVerify sequence. Rounds alternate between the
// two so that frequency scaling and other load hit both alike; each side's best round counts.

#include "auth/RequestSigner.h"
#include "auth/ResponseValidator.h"
#include "crypto/KeyLoader.h"

#include "FakeClock.h"
#include "TestData.h"

#include <openssl/evp.h>

#include <ctime>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

constexpr int Rounds = 7;

// CPU time of this thread where the platform has it, so that time the scheduler gives to
// other processes on a busy 2-core CI machine is not charged to either side.
double threadSeconds()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
#else
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
#endif
}

// Operations per second of `operation`, run for about `milliseconds`.
double throughput(const std::function<bool()> &operation, double milliseconds)
{
    const double start = threadSeconds();
    double elapsed = 0;
    qint64 operations = 0;
    while (elapsed * 1000 < milliseconds) {
        for (int i = 0; i < 8; ++i) {
            if (!operation())
                qFatal("benchmark operation failed");
        }
        operations += 8;
        elapsed = threadSeconds() - start;
    }
    return double(operations) / elapsed;
}

bool rawSign(EVP_PKEY *key, const QByteArray &message)
{
    unsigned char signature[1024];
    size_t length = sizeof signature;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool ok = EVP_DigestSignInit_ex(context, nullptr, "SHA256", nullptr, nullptr, key, nullptr) == 1
        && EVP_DigestSign(context, signature, &length, reinterpret_cast<const unsigned char *>(message.constData()),
                          size_t(message.size()))
            == 1;
    EVP_MD_CTX_free(context);
    return ok;
}

bool rawVerify(EVP_PKEY *key, const QByteArray &message, const QByteArray &signature)
{
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit_ex(context, nullptr, "SHA256", nullptr, nullptr, key, nullptr) == 1
        && EVP_DigestVerify(context, reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size()))
            == 1;
    EVP_MD_CTX_free(context);
    return ok;
}

struct Comparison
{
    double core = 0;
    double openssl = 0;
};

Comparison compare(const char *name, const std::function<bool()> &core, const std::function<bool()> &raw,
                   qint64 milliseconds)
{
    Comparison best;
    for (int round = 1; round <= Rounds; ++round) {
        const double c = throughput(core, milliseconds);
        const double o = throughput(raw, milliseconds);
        std::printf("  %s round %d: core %.0f ops/s, openssl %.0f ops/s\n", name, round, c, o);
        best.core = std::max(best.core, c);
        best.openssl = std::max(best.openssl, o);
    }
    return best;
}

} // namespace

int main()
{
    auto merchant = KeyLoader::merchantKeyFromFile(dataPath(QStringLiteral("vectors/java/merchant_private_key.pem")));
    auto platform = KeyLoader::publicKeyFromFile(dataPath(QStringLiteral("vectors/java/wechat_pay_public_key.pem")));
    if (!merchant || !platform)
        qFatal("cannot load the benchmark keys from tests/data");

    // Signing: the D2 PATCH budget request.
    const QByteArray url = "/v3/marketing/busifavor/stocks/98065001/budget";
    const QByteArray body = readData(QStringLiteral("vectors/derived/D2_patch_body.json"));
    RequestSigner signer(
        {QStringLiteral("1234567891"), QStringLiteral("5F1C72E2A8931B72A2E13AF8DEE92471EB397115"), merchant->key});
    const QByteArray signMessage = readData(QStringLiteral("vectors/derived/D2_patch_message.txt"));

    // Verification: the D3 200 answer, under its public key ID.
    VerificationKeys keys;
    keys.setPublicKey(QStringLiteral("PUB_KEY_ID_0000000000000000000000000000000001"), *platform);
    ResponseValidator validator(keys, std::make_shared<FakeClock>(1700000001));
    const HttpHeaders headers = readHeaders(QStringLiteral("vectors/derived/D3_response_headers.txt"));
    const QByteArray answer = readData(QStringLiteral("vectors/derived/D3_response_body.json"));
    const QByteArray verifyMessage = readData(QStringLiteral("vectors/derived/D3_response_message.txt"));
    const QByteArray rawSignature = QByteArray::fromBase64(*findHeader(headers, "Wechatpay-Signature"));
    if (!validator.validate(headers, answer).isVerified()
        || !rawVerify(platform->handle(), verifyMessage, rawSignature))
        qFatal("the benchmark answer does not verify");

    std::printf("RSA-2048 SHA256withRSA, %d alternating rounds each, best round counts\n", Rounds);
    const Comparison sign = compare(
        "sign", [&] { return signer.sign("PATCH", url, body).ok(); },
        [&] { return rawSign(merchant->key.handle(), signMessage); }, 600);
    const Comparison verify = compare(
        "verify", [&] { return validator.validate(headers, answer).isVerified(); },
        [&] { return rawVerify(platform->handle(), verifyMessage, rawSignature); }, 400);

    std::printf("sign: core %.0f ops/s, openssl %.0f ops/s, ratio %.3f\n", sign.core, sign.openssl,
                sign.core / sign.openssl);
    std::printf("verify: core %.0f ops/s, openssl %.0f ops/s, ratio %.3f\n", verify.core, verify.openssl,
                verify.core / verify.openssl);
    return 0;
}
