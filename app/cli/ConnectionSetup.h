#pragma once

#include "auth/RequestSigner.h"
#include "auth/VerificationKeys.h"
#include "cli/CliOptions.h"
#include "common/BilingualText.h"
#include "common/Result.h"
#include "http/ClientSettings.h"

namespace budgetdesk::cli {

// What the connection options amount to: the merchant's credentials, the keys that verify
// answers, and how to reach WeChat Pay. Every failure is a configuration problem (exit 5).
struct ConnectionSetup
{
    MerchantCredentials credentials;
    VerificationKeys keys;
    ClientSettings settings;

    static Result<ConnectionSetup, BilingualText> fromOptions(const CliOptions &options);
};

} // namespace budgetdesk::cli
