// jsii serves every construct call through one Node child process; parallel tests make it hang or fail (DESIGN.md §4).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
