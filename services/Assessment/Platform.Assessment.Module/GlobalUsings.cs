// Namespaces nearly every file of the module uses: its domain and store, the shared error and persistence blocks, and its gRPC contract.
global using Microsoft.EntityFrameworkCore;
global using Platform.Assessment.Module.Domain;
global using Platform.Assessment.Module.Infrastructure;
global using Platform.BuildingBlocks.Errors;
global using Platform.BuildingBlocks.Persistence;
global using Platform.Contracts.Assessment.V1;
