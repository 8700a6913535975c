#pragma once

#include "cli/CliCommands.h"
#include "common/Result.h"
#include "profile/ProfileSession.h"

#include <memory>

namespace budgetdesk::cli {

// A ready ProfileSession for the command's merchant (--profile or connection options), or
// the exit code already reported.
Result<std::unique_ptr<ProfileSession>, int> openSession(const CliContext &context);

// Opens a session for a saved profile by name (reconcile), secrets from the store/environment.
Result<std::unique_ptr<ProfileSession>, int> openSessionFor(const CliContext &context, const MerchantProfile &profile,
                                                            const ProfileSecrets &secrets);

} // namespace budgetdesk::cli
