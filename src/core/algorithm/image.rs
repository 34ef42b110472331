//! Reading an image URI: `<account>.dkr.ecr.<region>.<domain>/<repository>:<tag>`, and which
//! processor an instance type has.

/// What an instance type computes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Processor {
    /// CPUs only.
    Cpu,
    /// GPUs (the `g` and `p` families, as the SageMaker Python SDK decides).
    Gpu,
    /// AWS Trainium or Inferentia: images made for them name neither `cpu` nor `gpu`.
    Neuron,
}

impl Processor {
    /// How messages name it: `CPU`, `GPU`, `Trainium/Inferentia`.
    pub fn describe(self) -> &'static str {
        match self {
            Processor::Cpu => "CPU",
            Processor::Gpu => "GPU",
            Processor::Neuron => "Trainium/Inferentia",
        }
    }
}

/// The processor of an instance type by its family, as the SageMaker Python SDK decides it
/// (`ml.g5.xlarge` and `ml.p4d.24xlarge` have GPUs; `ml.trn1` and `ml.inf2` are Neuron). `None`
/// for text that is not an instance type.
pub fn processor_of(instance_type: &str) -> Option<Processor> {
    let family = instance_type.strip_prefix("ml.")?.split('.').next()?;
    if family.starts_with("trn") || family.starts_with("inf") {
        Some(Processor::Neuron)
    } else if family.starts_with(['g', 'p']) {
        Some(Processor::Gpu)
    } else if family.starts_with(|c: char| c.is_ascii_lowercase()) {
        Some(Processor::Cpu)
    } else {
        None
    }
}

/// An image in Amazon ECR, as written in TrainingImage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcrImage<'a> {
    /// The 12-digit AWS account that owns the registry.
    pub account: &'a str,
    /// The registry's region, such as `us-east-1`.
    pub region: &'a str,
    /// `amazonaws.com` or `amazonaws.com.cn`.
    pub domain: &'a str,
    /// The repository, which may contain `/`: `sagemaker-xgboost`, `team/model`.
    pub repository: &'a str,
    /// The tag; `None` for an image named by digest or with neither.
    pub tag: Option<&'a str>,
}

impl<'a> EcrImage<'a> {
    /// Reads `uri` if it names an ECR registry; `None` for anything else (another registry, a bare
    /// name).
    pub fn parse(uri: &'a str) -> Option<EcrImage<'a>> {
        let (host, path) = uri.trim().split_once('/')?;
        let (account, rest) = host.split_once(".dkr.ecr")?;
        let rest = rest.strip_prefix("-fips").unwrap_or(rest).strip_prefix('.')?;
        let (region, domain) = rest.split_once('.')?;
        let valid_account = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
        let valid_region =
            !region.is_empty() && region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid_account || !valid_region || domain.is_empty() {
            return None;
        }
        let (repository, tag) = match path.split_once('@') {
            Some((repository, _digest)) => (repository, None),
            None => match path.rsplit_once(':') {
                Some((repository, tag)) => (repository, Some(tag)),
                None => (path, None),
            },
        };
        Some(EcrImage { account, region, domain, repository, tag })
    }

    /// The processor the tag names (`2.1.0-gpu-py310`), if any.
    pub fn processor(&self) -> Option<Processor> {
        self.tag?.split('-').find_map(|part| match part {
            "cpu" => Some(Processor::Cpu),
            "gpu" => Some(Processor::Gpu),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ecr_uris() {
        let image =
            EcrImage::parse("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310").unwrap();
        assert_eq!(
            image,
            EcrImage {
                account: "763104351884",
                region: "us-east-1",
                domain: "amazonaws.com",
                repository: "pytorch-training",
                tag: Some("2.1.0-gpu-py310")
            }
        );
        assert_eq!(image.processor(), Some(Processor::Gpu));
        let china =
            EcrImage::parse("450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1").unwrap();
        assert_eq!((china.region, china.domain), ("cn-north-1", "amazonaws.com.cn"));
        let digest = EcrImage::parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/model@sha256:abc").unwrap();
        assert_eq!((digest.repository, digest.tag), ("team/model", None));
        for other in [
            "xgboost",
            "docker.io/library/python:3.11",
            "registry.local:5000/x:1",
            "12.dkr.ecr.us-east-1.amazonaws.com/x",
            "",
        ] {
            assert_eq!(EcrImage::parse(other), None, "{other}");
        }
    }

    #[test]
    fn processors_by_family() {
        assert_eq!(processor_of("ml.g6.xlarge"), Some(Processor::Gpu));
        assert_eq!(processor_of("ml.p5e.48xlarge"), Some(Processor::Gpu));
        assert_eq!(processor_of("ml.m5.xlarge"), Some(Processor::Cpu));
        assert_eq!(processor_of("ml.trn1.32xlarge"), Some(Processor::Neuron));
        assert_eq!(processor_of("m5.xlarge"), None);
        assert_eq!(processor_of("ml."), None);
    }
}
