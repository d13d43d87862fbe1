// One browser and one mailflow run at a time: on a two-core machine, parallel Chromium pages time each other out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
