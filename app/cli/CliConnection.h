#pragma once

#include "cli/CliOptions.h"
#include "common/BilingualText.h"
#include "common/Result.h"
#include "http/ClientSettings.h"
#include "profile/MerchantProfile.h"
#include "profile/ProfileStore.h"
#include "profile/SecretStore.h"

#include <optional>

namespace budgetdesk::cli {

// Which merchant a command acts for: a saved profile (--profile NAME, secrets from the OS
// store or the environment) or one built from the connection options for this run.
struct CliConnection
{
    MerchantProfile profile;
    ProfileSecrets secrets;

    // Exit code 5 with the text on failure.
    static Result<CliConnection, BilingualText> resolve(const CliOptions &options, ProfileStore &profiles,
                                                        SecretStore &secrets);
    // A saved profile, with the command line's transport options (--base-url, --backup-url,
    // --timeout-ms, --ca-file) over its own for this run.
    static Result<CliConnection, BilingualText> forProfile(const CliOptions &options, const MerchantProfile &saved,
                                                           SecretStore &secrets);
    // Paths made absolute, so that a profile saved from it works from any folder.
    static MerchantProfile profileFromOptions(const CliOptions &options, const QString &name);
    // Secrets named by --passphrase-env / --apiv3-key-env; an error if a variable is unset.
    static std::optional<BilingualText> secretsFromEnvironment(const CliOptions &options, ProfileSecrets &secrets);
    // The brand a 商品券 command acts for: the brand identity's own; as a merchant (服务商)
    // --brand-id, or the profile's only brand. Exit code 4 with the text when none is named.
    static Result<QString, BilingualText> brandFor(const CliOptions &options, const MerchantProfile &profile);
    // Retry pacing (--retry-delay-ms), never stored in a profile. nullopt: the defaults.
    static std::optional<ClientSettings> transport(const CliOptions &options);
};

} // namespace budgetdesk::cli
