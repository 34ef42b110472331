//! The field names of the ACK and Terraform exports, as upstream spells them
//! (`tools/gen_export_names.py`), and how an API member finds its name there.

#[rustfmt::skip]
mod generated;

pub use generated::{ACK_FIELDS, ACK_REQUIRED, ACK_SOURCE, TERRAFORM_BLOCKS, TERRAFORM_NAMES, TERRAFORM_SOURCE};

/// The CRD field (dotted under `spec`) of the API member at `api_path` (dotted, without list
/// steps: `ResourceConfig.VolumeKmsKeyId` finds `resourceConfig.volumeKMSKeyID`); the CRD's names
/// are the API's with other capitals.
pub fn ack_field(api_path: &str) -> Option<&'static str> {
    ACK_FIELDS.iter().copied().find(|field| field.eq_ignore_ascii_case(api_path))
}

/// The Terraform argument or block (dotted from the resource) of the API member at `api_path`;
/// its names are the API's in snake case (`VolumeSizeInGB` finds `volume_size_in_gb`).
pub fn terraform_name(api_path: &str) -> Option<&'static str> {
    let wanted = api_path.to_ascii_lowercase();
    TERRAFORM_NAMES.iter().copied().find(|name| name.replace('_', "") == wanted)
}

/// Whether the Terraform name `name` (from [`terraform_name`]) is written as a block.
pub fn is_terraform_block(name: &str) -> bool {
    TERRAFORM_BLOCKS.contains(&name)
}
