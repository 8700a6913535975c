#include "crypto/KeyLoader.h"

#include "crypto/OpenSslHandles.h"
#include "crypto/PemBlock.h"

#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/provider.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cctype>
#include <cstring>

namespace budgetdesk {

namespace {

// Key files are a few kilobytes; anything far larger is not one, and is not read whole.
constexpr qint64 MaximumKeyFileSize = qint64(1024) * 1024;
constexpr int MinimumRsaBits = 2048;

// Clears OpenSSL's per-thread error queue when a parse attempt ends, so a failed attempt
// (we try several decoders in turn) never shows up as the cause of a later failure.
struct ErrorQueueGuard
{
    ~ErrorQueueGuard() { ERR_clear_error(); }
};

bool isPrivateKeyLabel(const QByteArray &label)
{
    return label.endsWith("PRIVATE KEY") && label != "OPENSSH PRIVATE KEY";
}

bool isPublicKeyLabel(const QByteArray &label)
{
    return label == "PUBLIC KEY" || label == "RSA PUBLIC KEY";
}

bool isCertificateLabel(const QByteArray &label)
{
    return label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE";
}

const PemBlock *firstBlock(const QList<PemBlock> &blocks, bool (*matches)(const QByteArray &))
{
    for (const PemBlock &block : blocks) {
        if (matches(block.label))
            return &block;
    }
    return nullptr;
}

// An APIv3 key or APIv2 key is 32 printable characters; users paste it where the RSA key
// belongs often enough to deserve its own explanation.
bool looksLikeSymmetricKey(QByteArrayView content)
{
    const QByteArray trimmed = content.toByteArray().trimmed();
    if (trimmed.size() != 32)
        return false;
    for (char c : trimmed) {
        if (!std::isalnum(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

// DER bytes: the content itself, or — for a key pasted without its BEGIN/END lines — the
// decoded Base64.
QByteArray derBytes(QByteArrayView content)
{
    QByteArray compact;
    compact.reserve(content.size());
    for (char c : content) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        const bool base64Char = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
        if (!base64Char)
            return content.toByteArray();
        compact.append(c);
    }
    auto decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : content.toByteArray();
}

std::optional<KeyError> rsaProblem(const EVP_PKEY *key)
{
    if (!key)
        return KeyError(KeyError::Code::UnrecognisedContent);
    if (EVP_PKEY_is_a(key, "RSA") != 1) {
        const char *name = EVP_PKEY_get0_type_name(key);
        return KeyError(KeyError::Code::NotRsa, QString::fromLatin1(name ? name : "unknown"));
    }
    const int bits = EVP_PKEY_get_bits(key);
    if (bits < MinimumRsaBits)
        return KeyError(KeyError::Code::RsaKeyTooShort, QString::number(bits));
    return std::nullopt;
}

struct PassphrasePrompt
{
    const QByteArray *passphrase = nullptr;
    bool asked = false;
};

// Always installed: without a callback OpenSSL would prompt on the terminal.
int providePassphrase(char *buffer, int size, int /*rwflag*/, void *userData)
{
    auto *prompt = static_cast<PassphrasePrompt *>(userData);
    prompt->asked = true;
    const QByteArray &passphrase = *prompt->passphrase;
    if (passphrase.isEmpty() || passphrase.size() > size)
        return -1;
    std::memcpy(buffer, passphrase.constData(), static_cast<size_t>(passphrase.size()));
    return static_cast<int>(passphrase.size());
}

Result<MerchantKey, KeyError> readPemPrivateKey(const PemBlock &block, const QByteArray &passphrase)
{
    const bool encrypted = block.label == "ENCRYPTED PRIVATE KEY" || block.hasEncryptionHeader;
    if (encrypted && passphrase.isEmpty())
        return KeyError(KeyError::Code::PassphraseRequired);

    ErrorQueueGuard guard;
    PassphrasePrompt prompt{&passphrase};
    openssl::BioPtr bio = openssl::memoryBio(block.canonical);
    openssl::PkeyPtr key(PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, providePassphrase, &prompt, nullptr, nullptr));
    if (!key) {
        if (prompt.asked)
            return KeyError(passphrase.isEmpty() ? KeyError::Code::PassphraseRequired
                                                 : KeyError::Code::WrongPassphrase);
        return KeyError(KeyError::Code::UnrecognisedContent);
    }
    if (auto problem = rsaProblem(key.get()))
        return *problem;

    MerchantKey result;
    result.format = block.label == "ENCRYPTED PRIVATE KEY" ? KeyFormat::EncryptedPkcs8Pem
        : block.hasEncryptionHeader                        ? KeyFormat::EncryptedPkcs1Pem
        : block.label == "PRIVATE KEY"                     ? KeyFormat::Pkcs8Pem
                                                           : KeyFormat::Pkcs1Pem;
    result.key = PrivateKey::adopt(key.release());
    return result;
}

openssl::X509Ptr readPemCertificate(const PemBlock &block)
{
    ErrorQueueGuard guard;
    openssl::BioPtr bio = openssl::memoryBio(block.canonical);
    return openssl::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

openssl::PkeyPtr decodePublicKey(QByteArrayView bytes, const char *inputType)
{
    ErrorQueueGuard guard;
    EVP_PKEY *key = nullptr;
    std::unique_ptr<OSSL_DECODER_CTX, openssl::Deleter<OSSL_DECODER_CTX_free>> decoder(
        OSSL_DECODER_CTX_new_for_pkey(&key, inputType, nullptr, nullptr, EVP_PKEY_PUBLIC_KEY, nullptr, nullptr));
    if (!decoder)
        return {};
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    size_t length = static_cast<size_t>(bytes.size());
    if (OSSL_DECODER_from_data(decoder.get(), &data, &length) != 1) {
        EVP_PKEY_free(key);
        return {};
    }
    return openssl::PkeyPtr(key);
}

openssl::X509Ptr derCertificate(const QByteArray &der)
{
    ErrorQueueGuard guard;
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return openssl::X509Ptr(d2i_X509(nullptr, &data, static_cast<long>(der.size())));
}

openssl::PkeyPtr derPrivateKey(const QByteArray &der)
{
    ErrorQueueGuard guard;
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return openssl::PkeyPtr(d2i_AutoPrivateKey_ex(nullptr, &data, static_cast<long>(der.size()), nullptr, nullptr));
}

openssl::Pkcs12Ptr derPkcs12(const QByteArray &der)
{
    ErrorQueueGuard guard;
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return openssl::Pkcs12Ptr(d2i_PKCS12(nullptr, &data, static_cast<long>(der.size())));
}

// The Windows and macOS installers put OpenSSL's provider modules next to the application
// (ossl-modules\\legacy.dll; Contents/Frameworks/ossl-modules/legacy.dylib): OpenSSL itself
// would look only in the folder it was built for. OPENSSL_MODULES, when set, still wins.
void useBundledOpenSslModules()
{
    if (!QCoreApplication::instance() || qEnvironmentVariableIsSet("OPENSSL_MODULES"))
        return;
    const QString application = QCoreApplication::applicationDirPath();
    for (const QString &folder :
         {application + QStringLiteral("/ossl-modules"), application + QStringLiteral("/../Frameworks/ossl-modules")}) {
        if (QFileInfo(folder).isDir()) {
            OSSL_PROVIDER_set_default_search_path(nullptr, QDir::toNativeSeparators(folder).toLocal8Bit().constData());
            return;
        }
    }
}

// WeChat Pay's apiclient_cert.p12 files use RC2/3DES, which OpenSSL 3 keeps in its
// "legacy" provider. Loaded once, on first need, next to the default provider, and kept for
// the life of the process.
bool loadLegacyProvider()
{
    static OSSL_PROVIDER *const legacy = [] {
        useBundledOpenSslModules();
        return OSSL_PROVIDER_try_load(nullptr, "legacy", 1);
    }();
    return legacy != nullptr;
}

struct Pkcs12Contents
{
    openssl::PkeyPtr key;
    openssl::X509Ptr certificate;
};

Result<Pkcs12Contents, KeyError> openPkcs12(PKCS12 *p12, const QByteArray &passphrase, const QString &mchid)
{
    ErrorQueueGuard guard;
    QByteArrayList candidates;
    if (!passphrase.isEmpty())
        candidates.append(passphrase);
    else if (!mchid.isEmpty())
        candidates.append(mchid.toUtf8());
    candidates.append(QByteArray()); // a .p12 exported without a password

    const QByteArray *password = nullptr;
    for (const QByteArray &candidate : candidates) {
        if (!PKCS12_mac_present(p12)
            || PKCS12_verify_mac(p12, candidate.constData(), static_cast<int>(candidate.size())) == 1) {
            password = &candidate;
            break;
        }
    }
    if (!password)
        return KeyError(passphrase.isEmpty() && mchid.isEmpty() ? KeyError::Code::PassphraseRequired
                                                                : KeyError::Code::WrongPassphrase);

    auto parse = [&]() -> std::optional<Pkcs12Contents> {
        EVP_PKEY *key = nullptr;
        X509 *certificate = nullptr;
        if (PKCS12_parse(p12, password->constData(), &key, &certificate, nullptr) != 1)
            return std::nullopt;
        return Pkcs12Contents{openssl::PkeyPtr(key), openssl::X509Ptr(certificate)};
    };
    if (auto contents = parse())
        return std::move(*contents);
    // The password is right (the MAC verified), so the failure is a cipher the default
    // provider lacks.
    if (!loadLegacyProvider())
        return KeyError(KeyError::Code::UnsupportedLegacyEncryption);
    if (auto contents = parse())
        return std::move(*contents);
    return KeyError(KeyError::Code::UnsupportedLegacyEncryption);
}

template<typename T> Result<T, KeyError> tagFile(Result<T, KeyError> result, const QString &path)
{
    if (result)
        return result;
    KeyError error = std::move(result).error();
    error.inFile(path);
    return error;
}

} // namespace

QString keyFormatName(KeyFormat format)
{
    switch (format) {
    case KeyFormat::Pkcs8Pem:
        return QStringLiteral("PKCS#8 PEM");
    case KeyFormat::Pkcs1Pem:
        return QStringLiteral("PKCS#1 PEM");
    case KeyFormat::EncryptedPkcs8Pem:
        return QStringLiteral("PKCS#8 PEM (encrypted)");
    case KeyFormat::EncryptedPkcs1Pem:
        return QStringLiteral("PKCS#1 PEM (encrypted)");
    case KeyFormat::Der:
        return QStringLiteral("DER");
    case KeyFormat::Pkcs12:
        return QStringLiteral("PKCS#12");
    }
    return {};
}

Result<QByteArray, KeyError> KeyLoader::readFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return KeyError(KeyError::Code::FileNotFound).inFile(path);
    // Checked before opening: opening a FIFO waits for a writer, and /dev/zero never ends.
    if (!info.isFile())
        return KeyError(KeyError::Code::NotARegularFile).inFile(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return KeyError(KeyError::Code::FileUnreadable).inFile(path);
    // Read with the cap itself, whatever size the file claims.
    QByteArray content = file.read(MaximumKeyFileSize + 1);
    if (content.size() > MaximumKeyFileSize)
        return KeyError(KeyError::Code::FileTooLarge, QString::number(MaximumKeyFileSize)).inFile(path);
    return content;
}

Result<MerchantKey, KeyError> KeyLoader::merchantKey(QByteArrayView content, const QByteArray &passphrase,
                                                     const QString &mchid)
{
    const QList<PemBlock> blocks = PemBlock::parseAll(content);
    if (!blocks.isEmpty()) {
        const PemBlock *keyBlock = firstBlock(blocks, isPrivateKeyLabel);
        if (!keyBlock) {
            if (firstBlock(blocks, isCertificateLabel))
                return KeyError(KeyError::Code::CertificateInsteadOfKey);
            if (firstBlock(blocks, isPublicKeyLabel))
                return KeyError(KeyError::Code::PublicKeyInsteadOfPrivateKey);
            return KeyError(KeyError::Code::UnrecognisedContent);
        }
        auto loaded = readPemPrivateKey(*keyBlock, passphrase);
        if (loaded) {
            if (const PemBlock *certificateBlock = firstBlock(blocks, isCertificateLabel)) {
                if (openssl::X509Ptr certificate = readPemCertificate(*certificateBlock))
                    loaded->certificate = Certificate::adopt(certificate.release());
            }
        }
        return loaded;
    }

    if (looksLikeSymmetricKey(content))
        return KeyError(KeyError::Code::SymmetricKeyInsteadOfPrivateKey);

    const QByteArray der = derBytes(content);
    if (openssl::Pkcs12Ptr p12 = derPkcs12(der)) {
        auto contents = openPkcs12(p12.get(), passphrase, mchid);
        if (!contents)
            return std::move(contents).error();
        if (!contents->key)
            return KeyError(KeyError::Code::CertificateInsteadOfKey);
        if (auto problem = rsaProblem(contents->key.get()))
            return *problem;
        MerchantKey result;
        result.format = KeyFormat::Pkcs12;
        result.key = PrivateKey::adopt(contents->key.release());
        if (contents->certificate)
            result.certificate = Certificate::adopt(contents->certificate.release());
        return result;
    }
    if (openssl::PkeyPtr key = derPrivateKey(der)) {
        if (auto problem = rsaProblem(key.get()))
            return *problem;
        MerchantKey result;
        result.format = KeyFormat::Der;
        result.key = PrivateKey::adopt(key.release());
        return result;
    }
    if (derCertificate(der))
        return KeyError(KeyError::Code::CertificateInsteadOfKey);
    if (decodePublicKey(der, "DER"))
        return KeyError(KeyError::Code::PublicKeyInsteadOfPrivateKey);
    return KeyError(KeyError::Code::UnrecognisedContent);
}

Result<MerchantKey, KeyError> KeyLoader::merchantKeyFromFile(const QString &path, const QByteArray &passphrase,
                                                             const QString &mchid)
{
    auto content = readFile(path);
    if (!content)
        return std::move(content).error();
    return tagFile(merchantKey(*content, passphrase, mchid), path);
}

Result<PublicKey, KeyError> KeyLoader::publicKey(QByteArrayView content)
{
    openssl::PkeyPtr key;
    const QList<PemBlock> blocks = PemBlock::parseAll(content);
    if (!blocks.isEmpty()) {
        const PemBlock *keyBlock = firstBlock(blocks, isPublicKeyLabel);
        if (!keyBlock) {
            if (firstBlock(blocks, isCertificateLabel))
                return KeyError(KeyError::Code::CertificateInsteadOfKey);
            if (firstBlock(blocks, isPrivateKeyLabel))
                return KeyError(KeyError::Code::PrivateKeyInsteadOfPublicKey);
            return KeyError(KeyError::Code::UnrecognisedContent);
        }
        key = decodePublicKey(keyBlock->canonical, "PEM");
    } else {
        const QByteArray der = derBytes(content);
        if (derCertificate(der))
            return KeyError(KeyError::Code::CertificateInsteadOfKey);
        if (derPkcs12(der) || derPrivateKey(der))
            return KeyError(KeyError::Code::PrivateKeyInsteadOfPublicKey);
        key = decodePublicKey(der, "DER");
    }
    if (!key)
        return KeyError(KeyError::Code::UnrecognisedContent);
    if (auto problem = rsaProblem(key.get()))
        return *problem;
    return PublicKey::fromHandle(key.get());
}

Result<PublicKey, KeyError> KeyLoader::publicKeyFromFile(const QString &path)
{
    auto content = readFile(path);
    if (!content)
        return std::move(content).error();
    return tagFile(publicKey(*content), path);
}

Result<Certificate, KeyError> KeyLoader::certificate(QByteArrayView content, const QByteArray &pkcs12Password,
                                                     const QString &mchid)
{
    openssl::X509Ptr certificate;
    const QList<PemBlock> blocks = PemBlock::parseAll(content);
    if (!blocks.isEmpty()) {
        const PemBlock *certificateBlock = firstBlock(blocks, isCertificateLabel);
        if (!certificateBlock) {
            if (firstBlock(blocks, isPrivateKeyLabel) || firstBlock(blocks, isPublicKeyLabel))
                return KeyError(KeyError::Code::KeyInsteadOfCertificate);
            return KeyError(KeyError::Code::UnrecognisedContent);
        }
        certificate = readPemCertificate(*certificateBlock);
    } else {
        const QByteArray der = derBytes(content);
        certificate = derCertificate(der);
        if (!certificate) {
            if (openssl::Pkcs12Ptr p12 = derPkcs12(der)) {
                auto contents = openPkcs12(p12.get(), pkcs12Password, mchid);
                if (!contents)
                    return std::move(contents).error();
                certificate = std::move(contents->certificate);
            } else if (derPrivateKey(der) || decodePublicKey(der, "DER")) {
                return KeyError(KeyError::Code::KeyInsteadOfCertificate);
            }
        }
    }
    if (!certificate)
        return KeyError(KeyError::Code::UnrecognisedContent);
    if (auto problem = rsaProblem(X509_get0_pubkey(certificate.get())))
        return *problem;
    return Certificate::adopt(certificate.release());
}

Result<Certificate, KeyError> KeyLoader::certificateFromFile(const QString &path, const QByteArray &pkcs12Password,
                                                             const QString &mchid)
{
    auto content = readFile(path);
    if (!content)
        return std::move(content).error();
    return tagFile(certificate(*content, pkcs12Password, mchid), path);
}

Result<QString, KeyError> KeyLoader::serialForKey(const PrivateKey &key, const Certificate &certificate)
{
    if (!certificate.matches(key))
        return KeyError(KeyError::Code::KeyCertificateMismatch);
    return certificate.serialNumber();
}

} // namespace budgetdesk
