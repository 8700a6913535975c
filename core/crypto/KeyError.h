#pragma once

#include "common/BilingualText.h"

#include <QString>

namespace budgetdesk {

// Why a key, certificate or PKCS#12 file could not be used. Texts name the file and what
// was found in it, never any of its content: an error message may end up in a screenshot,
// a log or a support ticket.
class KeyError
{
public:
    enum class Code {
        FileNotFound,
        FileUnreadable,
        NotARegularFile, // a folder, a pipe, a device such as /dev/zero
        FileTooLarge, // far beyond any key or certificate
        CertificateInsteadOfKey,
        PublicKeyInsteadOfPrivateKey,
        PrivateKeyInsteadOfPublicKey,
        KeyInsteadOfCertificate,
        SymmetricKeyInsteadOfPrivateKey, // a 32-character APIv3/APIv2 key where the RSA key belongs
        PassphraseRequired,
        WrongPassphrase,
        NotRsa,
        RsaKeyTooShort,
        KeyCertificateMismatch,
        UnsupportedLegacyEncryption, // old PKCS#12 ciphers without OpenSSL's legacy provider
        UnrecognisedContent,
    };

    explicit KeyError(Code code, QString detail = {})
        : m_code(code)
        , m_detail(std::move(detail))
    { }

    Code code() const { return m_code; }
    // What the text refers to: the algorithm found (NotRsa), the key size (RsaKeyTooShort),
    // the size limit (FileTooLarge), or nothing.
    const QString &detail() const { return m_detail; }
    // The file the problem was found in, if it came from a file.
    const QString &fileName() const { return m_fileName; }
    KeyError &inFile(const QString &fileName)
    {
        m_fileName = fileName;
        return *this;
    }

    BilingualText text() const;

    bool operator==(const KeyError &other) const = default;

private:
    Code m_code;
    QString m_detail;
    QString m_fileName;
};

} // namespace budgetdesk
