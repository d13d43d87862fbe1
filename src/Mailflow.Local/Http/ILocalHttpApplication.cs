using Mailflow.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Mailflow.Local.Http;

/// <summary>
/// The application the local HTTP listener serves (the API): its services are added before the host is built, with the
/// backends local mode composed, and its middleware and endpoints after. Local mode knows no endpoint itself.
/// </summary>
public interface ILocalHttpApplication
{
    void ConfigureServices(IServiceCollection services, OperationsBackends backends);

    void Configure(WebApplication app);
}
