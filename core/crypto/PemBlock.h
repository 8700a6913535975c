#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace budgetdesk {

// One `-----BEGIN <label>----- … -----END <label>-----` block, rebuilt in canonical form.
//
// Keys reach BudgetDesk pasted from e-mails, web consoles and chat windows: CRLF line ends,
// indented lines, trailing spaces, no final newline, or the whole key on one line. OpenSSL's
// PEM reader rejects most of that, so each block is re-emitted as strict PEM (LF, 64-column
// Base64, headers kept) before it is parsed.
struct PemBlock
{
    QByteArray label; // e.g. "PRIVATE KEY", "CERTIFICATE"
    QByteArray canonical; // the rebuilt block, ready for OpenSSL's PEM readers
    bool hasEncryptionHeader = false; // legacy "Proc-Type: 4,ENCRYPTED" (OpenSSL-encrypted PKCS#1)

    static QList<PemBlock> parseAll(QByteArrayView text);
};

} // namespace budgetdesk
