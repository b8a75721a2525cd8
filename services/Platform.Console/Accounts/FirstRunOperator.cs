using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;

namespace Platform.WebConsole.Accounts;

/// <summary>
/// On a node whose account store is empty, creates the operator account <c>admin</c>, so the
/// first person can sign in and create the others. Its password is Console:InitialOperatorPassword
/// or, when that is unset, a random one written once to the log (and never again).
/// </summary>
internal sealed class FirstRunOperator(IServiceProvider services, IOptions<ConsoleOptions> options, ILogger<FirstRunOperator> logger) : IHostedService
{
    public const string UserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        if (await accounts.AnyAsync(cancellationToken))
        {
            return;
        }
        var configured = options.Value.InitialOperatorPassword;
        var password = string.IsNullOrEmpty(configured) ? AccountService.GeneratePassword() : configured;
        await accounts.CreateAsync(new NewAccount(UserName, "节点管理员", null, [PlatformRoles.NodeOperator], password), by: null, cancellationToken);
        if (string.IsNullOrEmpty(configured))
        {
            logger.LogWarning("First start: the console's operator account is '{UserName}' with the password {Password} (shown once; change it after signing in)", UserName, password);
        }
        else
        {
            logger.LogInformation("First start: the console's operator account '{UserName}' has the password from Console:InitialOperatorPassword", UserName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
