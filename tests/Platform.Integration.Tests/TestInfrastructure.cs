namespace Platform.Integration.Tests;

/// <summary>
/// The servers test.sh started: PostgreSQL (a superuser connection string), RabbitMQ (an
/// amqp URI) and Redis. Under CI a missing server fails the run; on a developer's machine
/// the distributed tests are skipped with the reason, and test.sh is the way to run them.
/// </summary>
public sealed record TestInfrastructure(string Postgres, string RabbitMq, string Redis)
{
    public const string PostgresVariable = "PLATFORM_TEST_POSTGRES";
    public const string RabbitMqVariable = "PLATFORM_TEST_RABBITMQ";
    public const string RedisVariable = "PLATFORM_TEST_REDIS";

    public static bool RunningInCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static TestInfrastructure? FromEnvironment(out string missing)
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var rabbit = Environment.GetEnvironmentVariable(RabbitMqVariable);
        var redis = Environment.GetEnvironmentVariable(RedisVariable);
        var absent = new[] { (PostgresVariable, postgres), (RabbitMqVariable, rabbit), (RedisVariable, redis) }
            .Where(v => string.IsNullOrWhiteSpace(v.Item2))
            .Select(v => v.Item1)
            .ToList();
        missing = absent.Count == 0 ? string.Empty : $"{string.Join(", ", absent)} not set; run ./test.sh, which starts the servers";
        return absent.Count == 0 ? new TestInfrastructure(postgres!, rabbit!, redis!) : null;
    }
}
