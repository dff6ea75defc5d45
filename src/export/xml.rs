//! XML escaping shared by GraphML and GEXF.
