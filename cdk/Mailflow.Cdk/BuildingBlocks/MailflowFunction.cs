using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Mailflow.Cdk.BuildingBlocks;

/// <summary>
/// A Mailflow function with its defaults: the Native AOT bundle on <c>provided.al2023</c> for arm64 (Graviton), the
/// handler <c>bootstrap</c>, its own log group with retention and PII masking, and a role that may write to that log
/// group only (no AWSLambdaBasicExecutionRole, which allows every log group of the account).
/// </summary>
public sealed class MailflowFunction : Construct
{
    /// <summary>
    /// Lambda's limit on all environment variables together, keys and values
    /// (<see href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda quotas</see>).
    /// </summary>
    public const int EnvironmentLimitBytes = 4096;

    private readonly Dictionary<string, string> _environment;

    public Function Function { get; }
    public LogGroup LogGroup { get; }
    public Role Role { get; }

    /// <exception cref="ArgumentException">The literal environment exceeds Lambda's 4 KB (MAILFLOW_CONFIG is usually the reason).</exception>
    public MailflowFunction(Construct scope, string id, MailflowFunctionProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        CheckEnvironmentSize(id, props.Environment);
        _environment = props.Environment.ToDictionary();
        LogGroup = MaskedLogGroup.Create(this, "Logs", props.LogRetention, props.LogRemovalPolicy, $"PII masking for {props.Description}");
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"{props.Description}: writes its own log group; every other permission is granted by the stack.",
        });
        LogGroup.GrantWrite(Role);
        Function = new Function(this, "Function", new FunctionProps
        {
            Description = props.Description,
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.ARM_64,
            Handler = "bootstrap",
            Code = Code.FromAsset(props.BundlePath),
            MemorySize = props.MemorySizeMb,
            Timeout = props.Timeout,
            Environment = props.Environment.ToDictionary(),
            LogGroup = LogGroup,
            Role = Role,
        });
    }

    /// <summary>Adds a variable once the resource it names exists, checking the 4 KB limit again.</summary>
    /// <exception cref="ArgumentException">The environment would exceed Lambda's 4 KB.</exception>
    public void AddEnvironment(string key, string value)
    {
        _environment[key] = value;
        CheckEnvironmentSize(Node.Id, _environment);
        Function.AddEnvironment(key, value);
    }

    // Tokens (a table name, a secret reference) are resolved by CloudFormation; their deployed length is unknown
    // here, so only the literal values are counted, and the check leaves room for them.
    private static void CheckEnvironmentSize(string id, IReadOnlyDictionary<string, string> environment)
    {
        var literal = environment.Sum(e => Encoding.UTF8.GetByteCount(e.Key) + (Token.IsUnresolved(e.Value) ? 0 : Encoding.UTF8.GetByteCount(e.Value)));
        const int ReservedForTokens = 512;
        if (literal > EnvironmentLimitBytes - ReservedForTokens)
        {
            throw new ArgumentException($"{id}: the function's environment holds {literal} bytes; Lambda allows {EnvironmentLimitBytes} in all. Shorten mailflow.json (MAILFLOW_CONFIG): remove comments and defaults.");
        }
    }
}
