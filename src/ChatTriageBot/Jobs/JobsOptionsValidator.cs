using Microsoft.Extensions.Options;

namespace ChatTriageBot.Jobs;

[OptionsValidator]
internal sealed partial class JobsOptionsValidator : IValidateOptions<JobsOptions>;
